// @ts-check
'use strict';
/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages, each a child process on a free loopback
 * port with its data in a temporary folder, stopped by `stop()`. PostgreSQL refuses to run as root: as root
 * it runs as the `postgres` system user the Debian package creates.
 */
const { execFileSync, spawn } = require('node:child_process');
const { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { connect } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { ensureDebianPackages } = require('./debian');
const { freePort } = require('./n8nProcess');

/**
 * @typedef {{ host: string, port: number, logFile: string, stop(): Promise<void> }} RunningService
 */

/** @param {number} ms */
const sleep = async (ms) => await new Promise((r) => setTimeout(r, ms));

/** The newest installed PostgreSQL's programs (Debian keeps them out of PATH). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	if (!newest) throw new Error('PostgreSQL is not installed under /usr/lib/postgresql');
	return join(root, newest, 'bin');
}

/**
 * The uid and gid to run PostgreSQL as: this process's own, or the `postgres` user's when we are root.
 * @returns {{ uid?: number, gid?: number }}
 */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const id = (/** @type {string} */ flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * Spawns a server in its own process group, logging to `logFile`; `stop()` sends `signal` and waits.
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, uid?: number, gid?: number, env?: NodeJS.ProcessEnv }} options
 * @param {NodeJS.Signals} signal
 */
function spawnServer(command, args, { logFile, uid, gid, env }, signal) {
	const log = createWriteStream(logFile);
	const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], uid, gid, env: env ?? process.env });
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	const exited = new Promise((r) => child.once('exit', r));
	const kill = (/** @type {NodeJS.Signals} */ s) => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, s);
		} catch {
			// already gone
		}
	};
	process.once('exit', () => kill('SIGKILL'));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		kill(signal);
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const gaveUp = new Promise((resolve) => (timer = setTimeout(() => resolve(false), 15_000)));
		const done = await Promise.race([exited.then(() => true), gaveUp]);
		clearTimeout(timer);
		if (!done) {
			kill('SIGKILL');
			await exited;
		}
	};
	return { child, stop };
}

/**
 * Waits until `probe` succeeds, or the child exits, or 60 s pass.
 * @param {() => Promise<boolean>} probe
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} what
 * @param {string} logFile
 */
async function waitFor(probe, child, what, logFile) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see ${logFile}`);
		if (await probe().catch(() => false)) return;
		await sleep(200);
	}
	throw new Error(`${what} did not become ready within 60 s; see ${logFile}`);
}

/**
 * A fresh PostgreSQL cluster on 127.0.0.1 (trust authentication for loopback only, user `postgres`) with an
 * empty database `n8n`. Durability settings are off: it is thrown away at `stop()`.
 * @returns {Promise<RunningService & { database: string, user: string }>}
 */
async function startPostgres() {
	ensureDebianPackages(['postgresql']);
	const bin = postgresBinDir();
	const user = postgresUser();
	// Its own folder under the system temp dir, owned by the user PostgreSQL runs as.
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-pg-'));
	if (user.uid !== undefined) chownSync(dir, user.uid, user.gid ?? user.uid);
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	const env = { ...process.env, LC_ALL: 'C', HOME: dir };
	execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
		...user,
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const port = await freePort();
	const server = spawnServer(
		join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		{ logFile, ...user, env },
		'SIGINT', // PostgreSQL's "fast" shutdown
	);
	const stop = async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const psql = (/** @type {string[]} */ args) =>
			execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		await waitFor(async () => psql(['-c', 'select 1']).trim() === '1', server.child, 'PostgreSQL', logFile);
		psql(['-c', 'create database n8n']);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, database: 'n8n', user: 'postgres', logFile, stop };
}

/**
 * Answers Redis' PING on `port`. @param {number} port @returns {Promise<boolean>}
 */
async function redisAnswers(port) {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * A Redis server on 127.0.0.1 that keeps nothing on disk.
 * @returns {Promise<RunningService>}
 */
async function startRedis() {
	ensureDebianPackages(['redis-server']);
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-testops-redis-'));
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const server = spawnServer(
		'/usr/bin/redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ logFile },
		'SIGTERM',
	);
	const stop = async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(async () => await redisAnswers(port), server.child, 'Redis', logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, logFile, stop };
}

module.exports = { startPostgres, startRedis };
