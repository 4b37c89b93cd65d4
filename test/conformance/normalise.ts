// The conformance corpus normalises real-tool output with the same rules `labbook check
// --backend linux` applies (src/notebook/normalise.ts): one definition for both.
export { normaliseRealOutput as normalise } from '../../src/notebook/normalise.ts';
