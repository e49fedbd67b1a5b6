import type { INodeProperties } from 'n8n-workflow';

import type { ApiContext } from './context';

/**
 * A service reached over plain `http://` receives the credential's token or password unencrypted. Allowed
 * (private servers without TLS exist) but never silently: the credential form shows a notice, and the
 * first call of each node run leaves a warning where the user sees it.
 */

export const isPlainHttp = (url: string): boolean => /^\s*http:\/\//i.test(url);

/**
 * A notice for a credential form, shown while `field` holds an `http://` URL. Written as "hidden unless": n8n
 * 1.x (and 2.x up to 2.24) turns every property with `displayOptions.show` into a field its public API requires
 * whenever it is shown, so a script creating the credential would have to send the notice
 * (docs/n8n-versions.md, "Credentials through the public API").
 */
export function plainHttpNotice(field: string): INodeProperties {
	return {
		displayName:
			'This URL uses plain HTTP: the token or password of this credential will travel unencrypted. Use https:// unless the server is only reachable inside a network you trust.',
		name: `${field}PlainHttpNotice`,
		type: 'notice',
		default: '',
		displayOptions: { hide: { [field]: [{ _cnd: { regex: '^(?!\\s*[Hh][Tt][Tt][Pp]://)' } }] } },
	};
}

const warned = new WeakSet<object>();

/**
 * Warns once per node run that `base` is plain HTTP: an execution hint in an action node's output, a
 * warning in n8n's log from a trigger's publish or an editor list.
 */
export function warnIfPlainHttp(context: ApiContext, service: string, base: string): void {
	if (!isPlainHttp(base) || warned.has(context)) return;
	warned.add(context);
	const message = `${service} is called over plain HTTP (${base}): the credential's token or password travels unencrypted. Use an https:// URL if the server offers one.`;
	if ('addExecutionHints' in context && typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	} else {
		context.logger.warn(`${context.getNode().name}: ${message}`);
	}
}
