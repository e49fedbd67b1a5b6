import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** Where an API call may be made from: an action node, a trigger's lifecycle, or a list in the editor. */
export type ApiContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;
