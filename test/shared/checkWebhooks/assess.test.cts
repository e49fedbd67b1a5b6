import { assess, type Condition, type Facts, type Registration } from '../../../nodes/shared/checkWebhooks/assess';
import type { PublishedTrigger } from '../../../nodes/shared/checkWebhooks/n8nApi';

const URL = 'https://n8n.example.com/webhook/abc/azure-devops';
const trigger: PublishedTrigger = { workflowId: 'w1', workflowName: 'Bugs', nodeName: 'Trigger', url: URL, parameters: {}, credentialIds: {} };
const registration = (condition: Condition, status = condition as string): Registration => ({ id: 's1', url: URL, status, condition, details: {} });
const facts = (overrides: Partial<Facts>): Facts => ({ listening: true, workflowsKnown: true, repair: true, trigger, ...overrides });

describe('assess', () => {
	it('keeps what delivers, and a subscription on probation, which recovers by itself', () => {
		expect(assess('Azure DevOps', facts({ registration: registration('active', 'enabled') }))).toEqual({ action: 'none', needsAttention: false, message: 'Delivering.' });
		expect(assess('Azure DevOps', facts({ registration: registration('probation', 'onProbation') }))).toMatchObject({ action: 'none', needsAttention: false, message: expect.stringMatching(/^On probation: .*first successful delivery/) });
	});

	it('turns on again what the service disabled, unless repairs are off', () => {
		expect(assess('Azure DevOps', facts({ registration: registration('disabled', 'disabledBySystem') }))).toEqual({ action: 'reEnable', needsAttention: false, message: 'Was disabledBySystem in Azure DevOps; enabled again.' });
		expect(assess('TAPD', facts({ registration: registration('disabled', 'closed'), repair: false }))).toEqual({ action: 'none', needsAttention: true, message: 'closed in TAPD: nothing is delivered.' });
	});

	it('leaves to people what a person disabled', () => {
		expect(assess('Azure DevOps', facts({ registration: registration('disabledByUser') }))).toMatchObject({ action: 'none', needsAttention: true, message: expect.stringMatching(/^Disabled by a person in Azure DevOps/) });
	});

	it('publishes again when only a new registration helps: missing, owner gone, or n8n dropped the webhook', () => {
		expect(assess('TAPD', facts({ listening: null }))).toEqual({ action: 'publishAgain', needsAttention: false, message: 'The published trigger has no registration in TAPD; publishing the workflow again to register it anew.' });
		expect(assess('Azure DevOps', facts({ listening: null, missingFor: 'git.push' }))).toEqual({ action: 'publishAgain', needsAttention: false, message: 'The published trigger has no registration in Azure DevOps for git.push; publishing the workflow again to register it anew.' });
		expect(assess('Azure DevOps', facts({ registration: registration('needsNew', 'disabledByInactiveIdentity') })).action).toBe('publishAgain');
		expect(assess('Azure DevOps', facts({ registration: registration('active', 'enabled'), listening: false }))).toMatchObject({ action: 'publishAgain', message: expect.stringMatching(/its last publication failed/) });
	});

	it('asks a person to publish again when it may not', () => {
		expect(assess('TAPD', facts({ listening: null, repair: false }))).toEqual({ action: 'none', needsAttention: true, message: 'The published trigger has no registration in TAPD. Publish the workflow again to register it.' });
		expect(assess('Azure DevOps', facts({ registration: registration('needsNew', 'disabledByInactiveIdentity'), trigger: undefined, listening: true }))).toMatchObject({ action: 'none', needsAttention: true });
	});

	it('touches nothing that no published workflow receives', () => {
		const orphan = assess('Azure DevOps', facts({ registration: registration('disabled', 'disabledBySystem'), trigger: undefined, listening: false }));
		expect(orphan).toEqual({ action: 'none', needsAttention: true, message: 'No published workflow receives at this URL (n8n answers 404). Delete this registration in Azure DevOps, or publish its workflow again.' });
		const unknown = assess('Azure DevOps', facts({ registration: registration('active', 'enabled'), trigger: undefined, listening: null }));
		expect(unknown.message).toMatch(/none found through n8n's API/);
	});

	it('without the workflows, trusts n8n answering at the URL, and leaves other URLs alone', () => {
		const listening = facts({ trigger: undefined, workflowsKnown: false, listening: true, registration: registration('disabled', 'disabledBySystem') });
		expect(assess('Azure DevOps', listening).action).toBe('reEnable');
		const other = facts({ trigger: undefined, workflowsKnown: false, listening: null, registration: registration('disabled', 'disabledBySystem') });
		expect(assess('Azure DevOps', other)).toMatchObject({ action: 'none', needsAttention: true, message: expect.stringMatching(/its workflow is unknown/) });
		expect(assess('Azure DevOps', { ...other, registration: registration('active', 'enabled') })).toMatchObject({ action: 'none', needsAttention: false });
	});
});
