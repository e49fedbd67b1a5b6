import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's own "Allowed HTTP Request Domains" pair (n8n 1.110 and later add it to every credential with an
 * `authenticate`), declared here with the same names, options and default, so that n8n leaves ours in place of
 * adding its own and enforces it the same way: it reads the two values from the credential's data.
 *
 * Why declare it at all: n8n's pair shows "Allowed Domains" through `displayOptions.show`, which the public API of
 * n8n 1.110 to 1.123.x and 2.0 to 2.24 turns into a field that `POST /api/v1/credentials` requires whenever
 * "Allowed HTTP Request Domains" is not sent, so a script could not create the credential from its own fields.
 * Ours hides "Allowed Domains" instead (docs/n8n-versions.md, "Credentials through the public API"). A unit test
 * compares this pair with n8n-workflow's.
 */
export const domainRestrictionFields: INodeProperties[] = [
	{
		displayName: 'Allowed HTTP Request Domains',
		name: 'allowedHttpRequestDomains',
		type: 'options',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Allow all requests when used in the HTTP Request node',
			},
			{
				name: 'Specific Domains',
				value: 'domains',
				description: 'Restrict requests to specific domains',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Block all requests when used in the HTTP Request node',
			},
		],
		default: 'all',
		description: 'Control which domains this credential can be used with in HTTP Request nodes',
	},
	{
		displayName: 'Allowed Domains',
		name: 'allowedDomains',
		type: 'string',
		default: '',
		placeholder: 'example.com, *.subdomain.com',
		description: 'Comma-separated list of allowed domains (supports wildcards with *)',
		displayOptions: { hide: { allowedHttpRequestDomains: ['all', 'none'] } },
	},
];
