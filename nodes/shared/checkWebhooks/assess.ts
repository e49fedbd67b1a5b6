import type { PublishedTrigger } from './n8nApi';

/**
 * What Check Webhooks concludes about one registration (or one that is missing), and what it does about it.
 * Pure: `check.ts` gathers the facts and carries out the action.
 */

/** A registration's state in words the check can act on, whatever the service calls it. */
export type Condition =
	/** Delivering. */
	| 'active'
	/** Failures made the service slow its deliveries down; the first success restores it by itself. */
	| 'probation'
	/** Disabled or closed by the service (or by nobody known): turning it on again is the repair. */
	| 'disabled'
	/** Disabled by a person in the service: only they should turn it on again. */
	| 'disabledByUser'
	/** Disabled for a reason turning it on cannot fix (e.g. its owner left): a new one must be made. */
	| 'needsNew';

/** A webhook registration held by the service (subscription, setting), pointing at this n8n. */
export interface Registration {
	id: string;
	url: string;
	/** The service's own word for its state, e.g. `disabledBySystem` or `closed`. */
	status: string;
	condition: Condition;
	/** What the service says the registration delivers (events, project, workspace), for the report. */
	details: Record<string, string | null>;
}

export interface Facts {
	registration?: Registration;
	/** The published trigger whose URL the registration points at, or which expects one that is missing. */
	trigger?: PublishedTrigger;
	/** Which of the trigger's registrations is missing, when it needs several (e.g. an Azure DevOps event). */
	missingFor?: string;
	/** Whether n8n receives requests at the URL: `null` when it was not asked (not one of our triggers' URLs). */
	listening: boolean | null;
	/** Whether the published workflows were read, so that an unknown URL means nobody publishes it. */
	workflowsKnown: boolean;
	/** Whether the check may change anything. */
	repair: boolean;
}

export type Action = 'none' | 'reEnable' | 'publishAgain';

export interface Assessment {
	action: Action;
	/** Something a person should look at: not repaired, or not repairable. */
	needsAttention: boolean;
	message: string;
}

const ok = (message: string): Assessment => ({ action: 'none', needsAttention: false, message });
const attention = (message: string): Assessment => ({
	action: 'none',
	needsAttention: true,
	message,
});

/** The workflow can be published again through n8n's API only when it is known and repairs are on. */
function publishAgainOr(facts: Facts, why: string, otherwise: string): Assessment {
	if (facts.trigger && facts.repair) {
		return {
			action: 'publishAgain',
			needsAttention: false,
			message: `${why}; publishing the workflow again to register it anew.`,
		};
	}
	return attention(`${why}. ${otherwise}`);
}

export function assess(service: string, facts: Facts): Assessment {
	const { registration, trigger, listening } = facts;
	if (!registration) {
		const which = facts.missingFor ? ` for ${facts.missingFor}` : '';
		return publishAgainOr(
			facts,
			`The published trigger has no registration in ${service}${which}`,
			'Publish the workflow again to register it.',
		);
	}
	const belongs = trigger !== undefined || listening === true;
	if (!belongs) {
		if (listening === false || facts.workflowsKnown) {
			const why = listening === false ? 'n8n answers 404' : "none found through n8n's API";
			return attention(
				`No published workflow receives at this URL (${why}). Delete this registration in ${service}, or publish its workflow again.`,
			);
		}
		if (registration.condition === 'active') return ok('Delivering.');
		return attention(
			`${registration.status}; its workflow is unknown, so it is not changed (give an n8n API credential to match workflows).`,
		);
	}
	if (listening === false) {
		return publishAgainOr(
			facts,
			'The workflow is published but n8n does not receive at this URL (its last publication failed)',
			'Publish the workflow again.',
		);
	}
	switch (registration.condition) {
		case 'active':
			return ok('Delivering.');
		case 'probation':
			return ok(
				`On probation: deliveries failed, so ${service} retries with growing pauses; the first successful delivery enables it fully again.`,
			);
		case 'disabled':
			return facts.repair
				? {
						action: 'reEnable',
						needsAttention: false,
						message: `Was ${registration.status} in ${service}; enabled again.`,
					}
				: attention(`${registration.status} in ${service}: nothing is delivered.`);
		case 'disabledByUser':
			return attention(
				`Disabled by a person in ${service}: enable it there, or unpublish the workflow.`,
			);
		case 'needsNew':
			return publishAgainOr(
				facts,
				`${registration.status} in ${service}: nothing is delivered`,
				'Publish the workflow again to make a new registration.',
			);
	}
}
