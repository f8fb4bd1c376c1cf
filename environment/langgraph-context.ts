import { AsyncLocalStorageProviderSingleton, _CONTEXT_VARIABLES_KEY } from '@langchain/core/singletons';

/**
 * LangGraph runs every node and edge inside `runWithConfig`, which builds a LangSmith `RunTree`
 * (with a fresh UUIDv7 from the system's random source) only to carry the runnable config through
 * async context. Measured here, that is most of a built-in journey's cost (≈4 ms of ≈19 ms).
 * When no LangSmith tracing is configured, carry the config in a plain object instead — the shape
 * core itself uses when it skips the run tree — so `getConfig()` and `interrupt()` still work.
 */
const childConfigKey = Symbol.for('lc:child_config');

const tracingConfigured = (env: NodeJS.ProcessEnv): boolean =>
  ['LANGSMITH_TRACING', 'LANGCHAIN_TRACING_V2', 'LANGCHAIN_TRACING', 'LANGSMITH_TRACING_V2'].some((name) => {
    const value = env[name]?.toLowerCase();
    return value !== undefined && value !== '' && value !== 'false' && value !== '0';
  });

let installed = false;

export function useLightweightRunContext(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || tracingConfigured(env) || env.HOSPITAL_FULL_RUN_CONTEXT === '1') return;
  installed = true;
  const provider = AsyncLocalStorageProviderSingleton;
  const original = provider.runWithConfig.bind(provider);
  provider.runWithConfig = function runWithConfig(config, callback, avoidCreatingRootRunTree) {
    // Explicit callbacks (a tracer, a handler someone passed) keep the full behaviour.
    if (config?.callbacks !== undefined) return original(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous = storage.getStore() as Record<symbol, unknown> | undefined;
    const store: Record<string | symbol, unknown> = { extra: { [childConfigKey]: config } };
    if (previous?.[_CONTEXT_VARIABLES_KEY] !== undefined) store[_CONTEXT_VARIABLES_KEY] = previous[_CONTEXT_VARIABLES_KEY];
    return storage.run(store, callback);
  };
}
