import {
	fromFunction,
	fromParameter,
	webhookDescriptionFields,
	type INodeExecutionData,
	type INodeProperties,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { answerWithoutExecution } from './answer';
import {
	REPEAT_ANSWER,
	deliveryKey,
	isRepeatDelivery,
	repeatWindowSeconds,
	uniqueDeliveryKey,
	withDedupeKey,
	type IdentityPart,
} from './repeats';

/**
 * When a trigger whose sender retries (Azure DevOps, Testany) answers: on receipt (n8n's default: the
 * execution is saved and started, then 200), or only once the workflow has finished, so that a run that
 * fails or is cut off by a crash of n8n is answered 500 or not at all and the sender sends the event again
 * (docs/operations.md, "When things fail"). The option is `additionalOptions.acknowledge`; its values are n8n's response
 * modes.
 */

export const ACKNOWLEDGE_AFTER_RUN = 'lastNode';

export const acknowledgeOption: INodeProperties = {
	displayName: 'Acknowledge',
	name: 'acknowledge',
	type: 'options',
	options: [
		{
			name: 'When Received',
			value: 'onReceived',
			description:
				'Answer 200 once the execution has started. The sender never retries, so an event whose run is cut off by a crash of n8n is lost.',
		},
		{
			name: 'When the Workflow Has Finished',
			value: ACKNOWLEDGE_AFTER_RUN,
			description:
				'Answer 200 after a successful run and 500 after a failed one, so the sender retries what failed or was cut off. Keep the workflow short: senders wait only so long for an answer.',
		},
	],
	default: 'onReceived',
};

const TEMPLATES = {
	responseMode: '={{$parameter["additionalOptions"]["acknowledge"] || "onReceived"}}',
	responseData:
		'={{$parameter["additionalOptions"]["acknowledge"] === "lastNode" ? "noData" : ""}}',
};

/**
 * The webhook description's answer fields. After the run the answer has no body (`noData`): the last node's
 * data must not travel back to the sender, which may log it. On receipt, an empty `responseData` makes n8n
 * answer `{"message":"Workflow was started"}`. Where n8n can resolve these from the parameters natively
 * (2.40 and later) it does, without an expression per request.
 */
export const acknowledgeWebhookFields: Record<keyof typeof TEMPLATES, string> =
	typeof webhookDescriptionFields === 'function'
		? webhookDescriptionFields({
				responseMode: fromParameter(['additionalOptions', 'acknowledge'], 'onReceived'),
				responseData: fromFunction((parameters) =>
					(parameters.additionalOptions as { acknowledge?: string } | undefined)?.acknowledge ===
					'lastNode'
						? 'noData'
						: '',
				),
			})
		: TEMPLATES;

/**
 * Deliveries acknowledged after their run, in this process: those still running, and those whose run
 * succeeded within the repeat window. Unlike the repeat memory of answers on receipt, a delivery counts as
 * accepted only once its run has succeeded, so that the sender's retry after a failure runs it again.
 */
export class RunsAwaitingAnswer {
	private readonly runningSince = new Map<string, number>();

	private readonly succeededAt = new Map<string, number>();

	constructor(private readonly maxEntries = 5000) {}

	/**
	 * `done` when a run of `key` succeeded within the window, `running` while one runs, else `new`, and
	 * `key` counts as running until {@link settle}. Nothing is remembered with a window of 0.
	 */
	claim(key: string, windowMs: number, now = Date.now()): 'new' | 'running' | 'done' {
		if (windowMs <= 0) return 'new';
		const succeeded = this.succeededAt.get(key);
		if (succeeded !== undefined && now - succeeded < windowMs) return 'done';
		const since = this.runningSince.get(key);
		if (since !== undefined && now - since < windowMs) return 'running';
		this.remember(this.runningSince, key, now);
		return 'new';
	}

	/** Ends a claimed run: a success is remembered, a failure forgotten. */
	settle(key: string, succeeded: boolean, now = Date.now()): void {
		if (this.runningSince.delete(key) && succeeded) this.remember(this.succeededAt, key, now);
	}

	private remember(map: Map<string, number>, key: string, now: number): void {
		map.delete(key);
		map.set(key, now);
		// Oldest first: entries beyond the bound have long left any window.
		if (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
	}
}

const runs = new RunsAwaitingAnswer();

/** The answer to a retry that arrives while the first attempt still runs: a 503, which senders retry. */
export const STILL_RUNNING_ANSWER =
	'An earlier attempt of this delivery is still running; retry later';

function acknowledgesAfterRun(context: IWebhookFunctions): boolean {
	return context.getNodeParameter('additionalOptions.acknowledge', 'onReceived') === ACKNOWLEDGE_AFTER_RUN;
}

/**
 * Calls `settle` with the status n8n answers once the run is over. n8n ends the response even when the sender
 * has hung up (a timeout), when no `finish` event follows, so its `end` is observed as well.
 */
function whenAnswered(
	response: ReturnType<IWebhookFunctions['getResponseObject']>,
	settle: (statusCode: number) => void,
): void {
	let settled = false;
	const once = () => {
		if (settled) return;
		settled = true;
		settle(response.statusCode);
	};
	const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
	response.end = ((...args: unknown[]) => {
		const result = end(...args);
		once();
		return result;
	}) as typeof response.end;
	response.once('finish', once);
}

/**
 * How every trigger ends an accepted delivery: its items, each carrying the delivery's key as `dedupe_key`,
 * start the execution, unless the delivery repeats one already accepted within the repeat window (200, no
 * execution). A delivery without an `identity` is never a repeat (Test Manager's requests, TAPD's without an
 * `event_id`).
 * Acknowledged after the run (`additionalOptions.acknowledge`), the memory is written on success only: a
 * retry after a failed run runs again, a retry during the run is told to come back later (503).
 */
export function startUnlessRepeat(
	context: IWebhookFunctions,
	identity: readonly IdentityPart[] | undefined,
	items: INodeExecutionData[],
): IWebhookResponseData {
	if (identity === undefined) return { workflowData: [withDedupeKey(items, uniqueDeliveryKey())] };
	const dedupeKey = deliveryKey(identity);
	const workflowData = [withDedupeKey(items, dedupeKey)];
	if (!acknowledgesAfterRun(context)) {
		if (isRepeatDelivery(context, dedupeKey)) {
			return answerWithoutExecution(context, 200, REPEAT_ANSWER);
		}
		return { workflowData };
	}
	// Test deliveries ("Listen for test event") are kept apart from production ones, as in the repeat memory.
	const key = `${context.getMode()}/${context.getWorkflow().id ?? ''}/${context.getNode().id}/${dedupeKey}`;
	const claim = runs.claim(key, repeatWindowSeconds(context) * 1000);
	if (claim === 'done') return answerWithoutExecution(context, 200, REPEAT_ANSWER);
	if (claim === 'running') return answerWithoutExecution(context, 503, STILL_RUNNING_ANSWER);
	whenAnswered(context.getResponseObject(), (statusCode) =>
		runs.settle(key, statusCode >= 200 && statusCode < 300),
	);
	return { workflowData };
}
