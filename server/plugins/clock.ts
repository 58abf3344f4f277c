import type { Clock } from '../clock.js';
import { decorates } from './decorates.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's clock: routes and services read "now" and "today" from it, never from Date. */
    clock: Clock;
  }
}

/** Decorates the app with its clock (the system clock, or a fixed one from ROVE_NOW or a test). */
export default decorates('clock');
