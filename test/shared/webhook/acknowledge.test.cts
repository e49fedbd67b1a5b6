import { EventEmitter } from 'node:events';

import {
	RunsAwaitingAnswer,
	STILL_RUNNING_ANSWER,
	acknowledgeWebhookFields,
	startUnlessRepeat,
} from '../../../nodes/shared/webhook/acknowledge';
import { REPEAT_ANSWER, deliveryKey, withDedupeKey } from '../../../nodes/shared/webhook/repeats';
import { webhookContext } from '../../helpers/contexts';

const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');
const items = [{ json: { ok: true } }];
/** The identities the tests deliver, and the items each starts: every item carries the delivery's key. */
const N1 = ['n-1'];
const N2 = ['n-2'];
const started = (identity: string[]) => ({ workflowData: [withDedupeKey(items, deliveryKey(identity))] });

/** A delivery whose response object, like Express's, ends and emits `finish`. */
function delivery(acknowledge: string | undefined, nodeId: string) {
	const { context, answer, mock } = webhookContext({}, { parameters: { additionalOptions: acknowledge ? { acknowledge } : {} }, nodeId });
	const response = Object.assign(new EventEmitter(), mock.getResponseObject(), {
		statusCode: 200,
		end() {
			response.emit('finish');
			return response;
		},
	});
	mock.getResponseObject = () => response;
	return { context, answer, response };
}

describe('acknowledgeWebhookFields', () => {
	it('answers on receipt by default and after the run, without a body, when asked', () => {
		expect(acknowledgeWebhookFields.responseMode).toBe('={{$parameter["additionalOptions"]["acknowledge"] || "onReceived"}}');
		const resolvers = (acknowledgeWebhookFields as unknown as Record<symbol, Record<string, { resolve: (p: unknown) => unknown }>>)[WEBHOOK_RESOLVERS];
		expect(resolvers.responseMode.resolve({ additionalOptions: {} })).toBe('onReceived');
		expect(resolvers.responseMode.resolve({ additionalOptions: { acknowledge: 'lastNode' } })).toBe('lastNode');
		expect(resolvers.responseData.resolve({ additionalOptions: {} })).toBe('');
		expect(resolvers.responseData.resolve({ additionalOptions: { acknowledge: 'lastNode' } })).toBe('noData');
	});

	it('evaluates to the same values through the expression template (n8n versions without native resolution)', () => {
		// The template runs the same self-contained function as the resolver.
		const template = acknowledgeWebhookFields.responseData;
		const source = /^=\{\{\((.*)\)\(\$parameter\)\}\}$/s.exec(template)?.[1];
		expect(source).toBeDefined();
		const fn = new Function(`return (${source});`)() as (p: unknown) => unknown;
		expect(fn({ additionalOptions: { acknowledge: 'lastNode' } })).toBe('noData');
		expect(fn({})).toBe('');
	});
});

describe('RunsAwaitingAnswer', () => {
	it('tells a retry during the run to wait, remembers a success and forgets a failure', () => {
		const runs = new RunsAwaitingAnswer();
		expect(runs.claim('a', 1000, 0)).toBe('new');
		expect(runs.claim('a', 1000, 10)).toBe('running');
		runs.settle('a', false, 20);
		expect(runs.claim('a', 1000, 30)).toBe('new');
		runs.settle('a', true, 40);
		expect(runs.claim('a', 1000, 50)).toBe('done');
		expect(runs.claim('a', 1000, 1040)).toBe('new'); // a success is remembered for the window only
	});

	it('gives up on a run that never settles after the window, and ignores a settle it did not claim', () => {
		const runs = new RunsAwaitingAnswer();
		expect(runs.claim('a', 1000, 0)).toBe('new');
		expect(runs.claim('a', 1000, 999)).toBe('running');
		expect(runs.claim('a', 1000, 1000)).toBe('new');
		runs.settle('b', true, 0);
		expect(runs.claim('b', 1000, 1)).toBe('new');
	});

	it('remembers nothing with a window of 0, and stays bounded', () => {
		const runs = new RunsAwaitingAnswer(2);
		expect(runs.claim('a', 0, 0)).toBe('new');
		expect(runs.claim('a', 0, 0)).toBe('new');
		for (const key of ['x', 'y', 'z']) runs.claim(key, 1000, 0);
		expect(runs.claim('x', 1000, 1)).toBe('new'); // the oldest was dropped
		expect(runs.claim('z', 1000, 1)).toBe('running');
	});
});

describe('startUnlessRepeat', () => {
	it('on receipt: starts the first delivery and acknowledges a repeat without an execution', () => {
		expect(startUnlessRepeat(delivery(undefined, 'on-receipt').context, N1, items)).toEqual(started(N1));
		const repeat = delivery(undefined, 'on-receipt');
		expect(startUnlessRepeat(repeat.context, N1, items)).toEqual({ noWebhookResponse: true });
		expect(repeat.answer).toEqual({ statusCode: 200, body: { message: REPEAT_ANSWER } });
	});

	it('after the run: a retry while it runs gets 503; after a failure it runs again; after a success it is a repeat', () => {
		const first = delivery('lastNode', 'after-run');
		expect(startUnlessRepeat(first.context, N1, items)).toEqual(started(N1));
		const during = delivery('lastNode', 'after-run');
		startUnlessRepeat(during.context, N1, items);
		expect(during.answer).toEqual({ statusCode: 503, body: { message: STILL_RUNNING_ANSWER } });

		first.response.statusCode = 500; // n8n's answer to a failed run
		first.response.end();
		const retry = delivery('lastNode', 'after-run');
		expect(startUnlessRepeat(retry.context, N1, items)).toEqual(started(N1));
		retry.response.statusCode = 200;
		retry.response.end();

		const late = delivery('lastNode', 'after-run');
		startUnlessRepeat(late.context, N1, items);
		expect(late.answer).toEqual({ statusCode: 200, body: { message: REPEAT_ANSWER } });
	});

	it('never takes a delivery without an identity for a repeat, and gives each its own key', () => {
		const first = startUnlessRepeat(delivery(undefined, 'no-identity').context, undefined, items);
		const second = startUnlessRepeat(delivery('lastNode', 'no-identity').context, undefined, items);
		const keys = [first, second].map((result) => {
			const [[item]] = (result as { workflowData: Array<Array<{ json: { dedupe_key: string } }>> }).workflowData;
			return item.json.dedupe_key;
		});
		expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(keys[1]).not.toBe(keys[0]);
	});

	it('after the run: learns the outcome even when the sender hung up before n8n answered', () => {
		const first = delivery('lastNode', 'after-run');
		startUnlessRepeat(first.context, N2, items);
		// The socket is gone: n8n ends the response, but no `finish` follows.
		first.response.removeAllListeners('finish');
		first.response.emit('close');
		first.response.statusCode = 200;
		first.response.end();
		const retry = delivery('lastNode', 'after-run');
		startUnlessRepeat(retry.context, N2, items);
		expect(retry.answer).toEqual({ statusCode: 200, body: { message: REPEAT_ANSWER } });
	});
});
