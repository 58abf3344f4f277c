import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * A plugin named `key` that decorates the app with the value its caller passes (`{ value }`), for
 * the runtime parts the caller opens and keeps (the clock, the jobs runtime).
 */
export function decorates<K extends keyof FastifyInstance & string>(key: K) {
  return fp(
    async (app: FastifyInstance, opts: { value: FastifyInstance[K] }) => {
      app.decorate<unknown>(key, opts.value);
    },
    { name: key },
  );
}
