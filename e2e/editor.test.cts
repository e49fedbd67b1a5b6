import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { E2E_SECRETS } from '../dev/credentials';
import { ensureDebianPackages } from '../dev/debian';
import { post } from '../dev/http';
import { OWNER, type WorkflowSummary } from '../dev/n8nClient';
import { PACKAGE_NAME } from '../dev/package';
import { REPO_ROOT } from '../dev/runtime';
import { exampleNames } from '../dev/stack';
import { testanyNotification } from '../dev/samples';
import { e2eContext } from './harness/context';

/**
 * n8n's editor in a real browser: Debian's Chromium driven by playwright-core (no browser download). Opens
 * every example and every panel and credential dialog of this package, listens for a test event, and takes
 * the README's screenshots: into a temporary folder, so that `npm test` leaves the work tree alone, or, with
 * TESTOPS_SCREENSHOTS_DIR set (`npm run screenshots`), into that folder (docs/images).
 */
const { n8n, n8nMajor } = e2eContext();
const SCREENSHOTS_DIR = process.env.TESTOPS_SCREENSHOTS_DIR;
const IMAGES = SCREENSHOTS_DIR ? resolve(REPO_ROOT, SCREENSHOTS_DIR) : mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-screenshots-'));
/** The screenshots this suite takes, each where the README shows it. */
const SCREENSHOTS = ['azure-devops-trigger.png', 'bridge-workflow.png', 'testany-test-event.png', 'azure-devops-credential.png'];
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Error notifications of the editor, recorded as they appear (they vanish after a while). Browser code as
// text: the tests are type-checked without the DOM library.
const RECORD_ERROR_TOASTS = `
	window.testopsErrors = [];
	const seen = new WeakSet();
	new MutationObserver(() => {
		for (const toast of document.querySelectorAll('.el-notification')) {
			if (seen.has(toast) || !toast.querySelector('.el-notification--error')) continue;
			seen.add(toast);
			window.testopsErrors.push(toast.textContent.trim());
		}
	}).observe(document, { childList: true, subtree: true });
`;

jest.setTimeout(120_000);

let userDataDir: string;
let browser: BrowserContext;
let page: Page;
const pageErrors: Error[] = [];

/** Exceptions of n8n's own editor, whatever the nodes (packages/frontend/editor-ui): not errors of this package's nodes. */
const N8N_OWN_ERRORS: Array<(error: Error) => boolean> = [
	// 2.40.7, when it leaves a workflow whose node panel was opened (NDV store).
	(error) => /^injectNDVStore\(\) was accessed without an active workflow document store/.test(error.message),
	// 1.123.81, right after logging in: its versions store is read before it has its settings.
	(error) => error.message === "Cannot read properties of undefined (reading 'enabled')" && /checkForNewVersions/.test(error.stack ?? ''),
];

/**
 * Moves within the editor as its own links do (a full page load per workflow takes seconds more). n8n 1.x's
 * editor keeps drawing the previous workflow when its router moves on from one whose node panel was opened:
 * there, a page load each time.
 */
async function navigate(path: string) {
	if (n8nMajor === 1) await page.goto(`${n8n.url}${path}`);
	else await page.evaluate(`document.querySelector('#app').__vue_app__.config.globalProperties.$router.push(${JSON.stringify(path)})`);
	await page.waitForURL((url) => url.pathname === path);
}

async function editorErrors(): Promise<string[]> {
	const toasts = (await page.evaluate('window.testopsErrors ?? []')) as string[];
	return [...pageErrors.filter((error) => !N8N_OWN_ERRORS.some((own) => own(error))).map((error) => error.message), ...toasts];
}

/** A screenshot for the README, taken with animations finished (the canvas fades in). */
async function screenshot(file: string) {
	expect(SCREENSHOTS).toContain(file);
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: join(IMAGES, file), animations: 'disabled' });
}

/** Opens a node's panel by double-clicking it on the canvas; returns once its parameters are shown. */
async function openPanel(name: string) {
	await page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
	await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]');
	// Options loaded from the fake services (projects, workspaces) arrive a moment later.
	await page.waitForLoadState('networkidle');
}

async function closePanel() {
	// n8n 1.x calls its button "back to canvas".
	await page.click('[data-test-id=ndv-close-button], [data-test-id=back-to-canvas]');
	await page.waitForSelector('[data-test-id=ndv]', { state: 'hidden' });
}

async function openWorkflow(workflow: WorkflowSummary) {
	await navigate(`/workflow/${workflow.id}`);
	// Sticky notes are drawn apart from the nodes.
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
	await page.waitForFunction(`document.querySelectorAll('[data-test-id=canvas-node]').length === ${nodes}`);
}

const ours = (workflow: WorkflowSummary) => workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));

/** The example workflows, by name, as npm start and the e2e stack import them. */
const EXAMPLES = exampleNames();
/** The package's node and credential types, from the built files package.json lists. */
const MANIFEST = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
// Each file exports its class under the file's name (dist/credentials/TapdApi.credentials.js: TapdApi).
const described = <T,>(files: string[], read: (instance: any) => T): T[] =>
	files.map((file) => read(new (require(join(REPO_ROOT, file)) as Record<string, new () => unknown>)[basename(file).split('.')[0]]()));
const NODE_TYPES = described(MANIFEST.n8n.nodes, (node) => node.description.name as string);
const CREDENTIAL_TYPES = described(MANIFEST.n8n.credentials, (credential) => ({
	name: credential.name as string,
	properties: credential.properties as Array<{ name: string; type: string; required?: boolean }>,
}));

describe("n8n's editor in Chromium", () => {
	/** Node types whose panel a test opened. */
	const opened = new Set<string>();

	beforeAll(async () => {
		ensureDebianPackages(['chromium']);
		mkdirSync(IMAGES, { recursive: true });
		userDataDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-chromium-'));
		browser = await chromium.launchPersistentContext(userDataDir, {
			executablePath: '/usr/bin/chromium',
			args: CHROMIUM_FLAGS,
			viewport: { width: 1280, height: 800 },
		});
		// Uncaught exceptions of the editor, and its error notifications, for the whole run.
		await browser.addInitScript({ content: RECORD_ERROR_TOASTS });
		page = browser.pages()[0] ?? (await browser.newPage());
		page.setDefaultTimeout(30_000);
		page.on('pageerror', (error) => pageErrors.push(error));
	}, 600_000); // a fresh machine installs Chromium first

	afterAll(async () => {
		await browser?.close();
		if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
		if (!SCREENSHOTS_DIR) rmSync(IMAGES, { recursive: true, force: true });
	});

	afterEach(async () => {
		expect(await editorErrors()).toEqual([]);
	});

	it('logs in as the owner', async () => {
		await page.goto(`${n8n.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', n8n.ownerPassword);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.waitForLoadState('networkidle');
	});

	it.each(EXAMPLES)('opens "%s", and the panel of each of our nodes in it, without an issue', async (name) => {
		const workflow = await n8n.workflowByName(name);
		await openWorkflow(workflow);
		expect(await page.locator('[data-test-id=canvas-node] [data-test-id=node-issues]').count()).toBe(0);
		if (name.startsWith('Azure DevOps: Test Manager defects as bugs')) {
			await screenshot('bridge-workflow.png');
		}
		for (const node of ours(workflow)) {
			await openPanel(node.name);
			const panel = page.locator('[data-test-id=ndv]');
			expect({ node: node.name, issues: await panel.locator('[data-test-id=parameter-issues]').allTextContents() }).toEqual({ node: node.name, issues: [] });
			if (node.type.endsWith('.azureDevOpsTrigger')) await screenshot('azure-devops-trigger.png');
			await closePanel();
			opened.add(node.type);
		}
	});

	it("has opened the panel of each of the package's nodes", () => {
		expect([...opened].sort()).toEqual(NODE_TYPES.map((type) => `${PACKAGE_NAME}.${type}`).sort());
	});

	it('opens the dialog of each of our credentials the examples use, which tests it successfully', async () => {
		// Only these: other suites store credentials that are wrong on purpose (hostile, Azure DevOps).
		const used = new Map<string, { id: string; name: string; type: string }>();
		for (const name of EXAMPLES) {
			for (const node of (await n8n.workflowByName(name)).nodes) {
				for (const [type, { id, name: credentialName }] of Object.entries(node.credentials ?? {})) used.set(id, { id, name: credentialName, type });
			}
		}
		const ourTypes = new Set(CREDENTIAL_TYPES.map((credential) => credential.name));
		const shown = [...used.values()].filter((credential) => ourTypes.has(credential.type));
		for (const { name: type, properties } of CREDENTIAL_TYPES) {
			if (shown.some((credential) => credential.type === type)) continue;
			// A type no example uses (TAPD's manual webhook secret): one made here, its required texts random.
			const fields = properties.filter((field) => field.required && field.type === 'string');
			const credentialData = Object.fromEntries(fields.map((field) => [field.name, randomBytes(24).toString('hex')]));
			shown.push(await n8n.api('POST', '/credentials', { name: `Editor test ${type}`, type, data: credentialData }));
		}
		expect(new Set(shown.map((credential) => credential.type))).toEqual(ourTypes);
		for (const credential of shown) {
			await navigate(`/home/credentials/${credential.id}`);
			const dialog = page.locator('[data-test-id=editCredential-modal]');
			try {
				await dialog.locator('[data-test-id=credentials-config-container-test-success]').waitFor();
				expect(await dialog.textContent()).toContain(credential.name);
				if (credential.type === 'azureDevOpsApi') await screenshot('azure-devops-credential.png');
			} catch (error) {
				const shownText = (await dialog.textContent().catch(() => '')) ?? '';
				throw new Error(`Credential "${credential.name}" (${credential.type}) did not test successfully: ${shownText.slice(0, 400)}`, { cause: error });
			} finally {
				await page.keyboard.press('Escape');
				await dialog.waitFor({ state: 'hidden' });
			}
		}
	});

	it('listens for a test event on the Testany Trigger and shows the sent sample as its item', async () => {
		const workflow = await n8n.workflowByName('Testany: report failed test cases');
		const trigger = workflow.nodes.find((node) => node.type.endsWith('.testanyTrigger'))!;
		await openWorkflow(workflow);
		await openPanel(trigger.name);
		await page.click('[data-test-id=ndv] [data-test-id=trigger-execute-button]');
		await page.getByText('Listening for test event').waitFor();

		// The test URL answers once n8n has registered it for this session.
		const testUrl = `${n8n.url}/webhook-test/${trigger.webhookId}/testany?token=${E2E_SECRETS.testanyToken}`;
		let answer = await post(testUrl, testanyNotification('EDITOR-1'));
		for (const deadline = Date.now() + 15_000; answer.status === 404 && Date.now() < deadline; await page.waitForTimeout(250)) {
			answer = await post(testUrl, testanyNotification('EDITOR-1'));
		}
		expect(answer.status).toBe(200);

		const output = page.locator('[data-test-id=output-panel]');
		await output.locator('[data-test-id=ndv-items-count]').waitFor();
		await output.getByText('pay-with-card').first().waitFor();
		expect(await output.locator('[data-test-id=ndv-items-count]').textContent()).toMatch(/1 item/);
		await screenshot('testany-test-event.png');
		await closePanel();
	});

	it('has taken every screenshot the README shows', () => {
		const shown = [...readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/\]\(docs\/images\/([\w.-]+)\)/g)].map((match) => match[1]);
		expect(shown.sort()).toEqual([...SCREENSHOTS].sort());
		for (const file of SCREENSHOTS) expect({ file, bytes: statSync(join(IMAGES, file)).size > 10_000 }).toEqual({ file, bytes: true });
	});
});
