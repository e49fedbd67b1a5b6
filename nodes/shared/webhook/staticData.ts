import type { IDataObject } from 'n8n-workflow';

/**
 * Forgets what a trigger kept in its static data. n8n observes the object: deleting a key marks it changed,
 * so the cleared state is saved once the lifecycle method returns (docs/n8n.md, "Static data").
 */
export function forgetStaticData<T extends IDataObject>(state: T, keys: ReadonlyArray<keyof T>): void {
	for (const key of keys) delete state[key];
}
