import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	TapdApi,
	readTokenResponse,
	tapdBaseUrl,
	tokenRequestRefused,
} from '../../../credentials/TapdApi.credentials';
import { parseJson } from '../../shared/http/json';

/**
 * The TAPD API credential's Test button: TAPD's own account check, `GET /quickstart/testauth`
 * (docs/contracts/tapd.md, "Authentication"), with a message that names the host that answered. TAPD's
 * API reference uses api.tapd.cn while webhook settings are documented on its newer API host; private
 * deployments have their own.
 */

/** The hosts TAPD's documentation names, and what each is. */
export const TAPD_HOSTS: Record<string, string> = {
	'api.tapd.cn': "TAPD's API host",
	'apiv2.tapd.tencent.com': "TAPD's newer API host, where webhook settings are documented",
};

export function hostDescription(base: string): string {
	const host = new URL(base).host.toLowerCase();
	return `${host} (${TAPD_HOSTS[host] ?? 'not one of TAPD public hosts: a private deployment'})`;
}

interface Answer {
	statusCode: number;
	body: unknown;
}

export type Requester = (options: IDataObject) => Promise<Answer>;

function envelopeOf(body: unknown): IDataObject | undefined {
	if (body !== null && typeof body === 'object') return body as IDataObject;
	try {
		const value = parseJson(typeof body === 'string' ? body : '');
		return value !== null && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** The Authorization header the credential sends, fetching an app token first when needed. */
async function authorization(
	data: ICredentialDataDecryptedObject,
	base: string,
	request: Requester,
): Promise<string> {
	let credentials = data;
	if (data.authType === 'appClientCredentials') {
		const pair = `${String(data.clientId ?? '')}:${String(data.clientSecret ?? '')}`;
		const answer = await request({
			method: 'POST',
			uri: `${base}/tokens/request_token`,
			headers: {
				Authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: 'grant_type=client_credentials',
		});
		if (answer.statusCode >= 400)
			throw tokenRequestRefused(answer.statusCode, envelopeOf(answer.body));
		credentials = { ...data, accessToken: readTokenResponse(envelopeOf(answer.body)).accessToken };
	}
	const signed = await new TapdApi().authenticate(credentials, { url: '', headers: {} });
	return String(signed.headers?.Authorization ?? '');
}

/** Runs the test with `request` doing the HTTP; never returns or throws a credential. */
export async function testTapdCredentials(
	data: ICredentialDataDecryptedObject,
	request: Requester,
): Promise<INodeCredentialTestResult> {
	let base: string;
	let host: string;
	try {
		base = tapdBaseUrl(data);
		host = hostDescription(base);
	} catch {
		return { status: 'Error', message: 'The Base URL is not a URL, e.g. https://api.tapd.cn' };
	}
	try {
		const answer = await request({
			method: 'GET',
			uri: `${base}/quickstart/testauth`,
			headers: {
				Accept: 'application/json',
				Authorization: await authorization(data, base, request),
			},
		});
		const envelope = envelopeOf(answer.body);
		const info = typeof envelope?.info === 'string' ? `: ${envelope.info}` : '';
		if (answer.statusCode >= 400) {
			return {
				status: 'Error',
				message: `${host} refused these credentials (HTTP ${answer.statusCode}${info}): check the account and its API access`,
			};
		}
		if (!envelope || Number(envelope.status) !== 1) {
			return {
				status: 'Error',
				message: `${host} did not accept these credentials (status ${String(envelope?.status ?? 'missing')}${info}): check the account and its API access`,
			};
		}
		return { status: 'OK', message: `Connected: ${host} accepted these credentials` };
	} catch (error) {
		// Transport errors carry the request, and with it the credentials: only their code is kept.
		const known = error instanceof Error && error.message.startsWith('TAPD ') ? error.message : '';
		const code = (error as { code?: unknown })?.code;
		return {
			status: 'Error',
			message:
				known ||
				`Could not reach ${host}${typeof code === 'string' ? ` (${code})` : ''}: check the Base URL`,
		};
	}
}

/** The node method n8n calls for the credential's Test button (`testedBy: 'tapdApiTest'`). */
export async function tapdApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const request: Requester = async (options) =>
		// Credential tests get only n8n's request helper (ICredentialTestFunctions): there is no httpRequest here.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		(await this.helpers.request({
			...options,
			resolveWithFullResponse: true,
			simple: false,
		})) as Answer;
	return await testTapdCredentials(credential.data ?? {}, request);
}
