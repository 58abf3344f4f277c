import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's clock: routes and services read "now" and "today" from it, never from Date. */
    clock: Clock;
  }
}

/** Decorates the app with its clock (the system clock, or a fixed one from ROVE_NOW or a test). */
export default fp(
  async function clock(app: FastifyInstance, opts: { clock: Clock }) {
    app.decorate('clock', opts.clock);
  },
  { name: 'clock' },
);
