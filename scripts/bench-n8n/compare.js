// @ts-check
'use strict';
/**
 * How `npm run bench:n8n` pairs what it compares: each trigger with the references (n8n's Webhook node, the
 * hand-built HMAC check) sent the trigger's own request, its "twins" (scripts/bench-n8n/workflows.js), and the
 * order in which a round measures them, side by side.
 */

/**
 * @typedef {import('./workflows').Scenario} Scenario
 * @typedef {object} Measured
 * @property {Scenario} scenario
 * @property {number} sent
 * @property {number} seconds sending time (all rounds)
 * @property {number} cpuMs n8n's CPU time, idle subtracted (all rounds)
 * @property {number} isolates isolates taken from the pool (all rounds)
 * @property {number[]} rates requests per second of each round
 * @property {Record<number, number>} statuses
 * @property {string[]} problems answers of an unexpected kind
 */

/**
 * The scenarios in groups that are measured side by side: a trigger's own requests with the references sent the
 * same request (its twins), accepted next to accepted; the references' default requests form groups of their own.
 * @param {Measured[]} measured
 * @returns {Measured[][]}
 */
function comparisonGroups(measured) {
	const kinds = ['accepted', 'wrong secret', 'malformed'];
	/** A trigger's group is named after the first trigger of any twin that lists it (TAPD manual and automatic share one). */
	const groupOf = (/** @type {Scenario} */ s) => s.twinOf?.[0] ?? measured.find((m) => m.scenario.twinOf?.includes(s.workflow))?.scenario.twinOf?.[0] ?? s.workflow;
	/** @type {Map<string, Measured[]>} */
	const groups = new Map();
	for (const m of measured) {
		const key = groupOf(m.scenario);
		groups.set(key, [...(groups.get(key) ?? []), m]);
	}
	return [...groups.values()].map((group) => group.sort((a, b) => kinds.indexOf(a.scenario.kind) - kinds.indexOf(b.scenario.kind)));
}

/** The references a trigger is compared with; the first of each is the one with its own default request. */
const REFERENCES = { noAuth: ['webhook'], headerAuth: ['headerAuth', 'headerAuthLastNode', 'headerAuthKpi'], handBuilt: ['handBuilt'] };

/** A workflow's own request of a kind (not one sent as another's twin). @param {{ measured: Measured[] }} run @param {string} workflow @param {string} kind */
const own = (run, workflow, kind) => run.measured.find((m) => m.scenario.workflow === workflow && m.scenario.kind === kind && !m.scenario.twinOf);

/**
 * The reference that was sent `trigger`'s own request, else the reference's default request.
 * @param {{ measured: Measured[] }} run @param {keyof typeof REFERENCES} family @param {string} trigger @param {string} kind
 */
const reference = (run, family, trigger, kind) =>
	run.measured.find((m) => REFERENCES[family].includes(m.scenario.workflow) && m.scenario.kind === kind && m.scenario.twinOf?.includes(trigger)) ??
	own(run, REFERENCES[family][0], kind);

// Per delivery, over all rounds (NaN when nothing was sent).
const rate = (/** @type {Measured | undefined} */ m) => (m && m.sent ? m.sent / m.seconds : NaN);
const cpu = (/** @type {Measured | undefined} */ m) => (m && m.sent ? m.cpuMs / m.sent : NaN);
const iso = (/** @type {Measured | undefined} */ m) => (m && m.sent ? m.isolates / m.sent : NaN);

/**
 * The ratio of two scenarios' requests per second in each round, where they ran side by side: its lowest and
 * highest show how far one run's verdict moves with the machine.
 * @param {Measured | undefined} m @param {Measured | undefined} ref
 * @returns {{ low: number, high: number } | undefined}
 */
function roundRatios(m, ref) {
	const ratios = (m?.rates ?? []).map((r, i) => r / (ref?.rates[i] ?? NaN)).filter((x) => Number.isFinite(x));
	return ratios.length > 0 ? { low: Math.min(...ratios), high: Math.max(...ratios) } : undefined;
}

module.exports = { REFERENCES, comparisonGroups, cpu, iso, own, rate, reference, roundRatios };
