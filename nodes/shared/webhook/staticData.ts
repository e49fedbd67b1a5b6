import type { IDataObject } from 'n8n-workflow';

/**
 * Forgets what a trigger kept in its static data. n8n saves static data only when a value is assigned:
 * deleting a key alone would not be saved, so each key is set to `undefined`.
 */
export function forgetStaticData<T extends IDataObject>(
	state: T,
	keys: ReadonlyArray<keyof T>,
): void {
	for (const key of keys) state[key] = undefined as T[keyof T];
}
