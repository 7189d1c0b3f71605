export { XdrError } from './errors.js';
export { XdrReader } from './reader.js';
export { XdrWriter } from './writer.js';
export { TypedParamType, readTypedParam, readTypedParams, writeTypedParam, typedParamsToRecord } from './typed-params.js';
export type { TypedParam } from './typed-params.js';
