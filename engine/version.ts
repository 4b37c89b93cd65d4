// The engine's version, shown on every verified block and part of the check cache key.
export const ENGINE_VERSION = '0.1.0';
