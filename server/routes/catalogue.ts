import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Blackout,
  BlackoutCreate,
  Centre,
  CentreCreate,
  CentreUpdate,
  Driver,
  DriverCreate,
  DriverUpdate,
  ExhibitSet,
  ExhibitSetCreate,
  ExhibitSetUpdate,
  Region,
  RegionScopedQuery,
  Vehicle,
  VehicleCreate,
  VehicleUpdate,
  Venue,
  VenueCreate,
  VenueImportQuery,
  VenueImportResult,
  VenueQuery,
  VenueUpdate,
} from '../contract/catalogue.js';
import { IdParam, Paging, errorResponses } from '../contract/common.js';
import { pageOf, rowsFor } from './paging.js';
import * as q from '../db/queries/catalogue.js';
import { actorOf } from '../plugins/auth.js';
import { audited, importVenues, type CatalogueEntity } from '../services/catalogue.js';
import { scopeOf } from '../services/scope.js';
import { retireDriverAccount } from '../services/users.js';
import type { Tx } from '../db/client.js';

type App = Parameters<FastifyPluginAsyncZod>[0];
type Req = Parameters<typeof actorOf>[0];

const tags = ['catalogue'];
const coordinator = ['coordinator'] as const;
const anyRole = ['coordinator', 'host', 'driver'] as const;
const NoContent = { 204: z.null() };

const scope = (req: Req) => scopeOf(actorOf(req));
/** Who makes a change, for its audit entry. */
const by = (req: Req) => ({ userId: actorOf(req).userId, requestId: req.id });

/** A write with its audit entry, by the caller (services/catalogue.ts audited). */
function write<T>(app: App, req: Req, entity: CatalogueEntity, action: 'create' | 'update' | 'delete', id: number | undefined, change: (tx: Tx) => Promise<T>) {
  return audited(app.db, by(req), entity, action, id, change);
}

/**
 * The catalogue: regions, centres, venues (with import and blackout dates), exhibit sets, vehicles,
 * drivers. Everyone signed in reads what their scope allows; coordinators change their region's.
 */
const catalogue: FastifyPluginAsyncZod = async (app) => {
  // Venue files come as text and are parsed by the import, which reports errors per line.
  app.addContentTypeParser(['text/csv', 'application/geo+json'], { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.get('/regions', { config: { access: anyRole }, schema: { tags, querystring: Paging(1000), response: { 200: z.array(Region), ...errorResponses } } }, async (req, reply) =>
    pageOf(req, reply, await q.listRegions(app.db, actorOf(req).regionIds, rowsFor(req.query)), req.query),
  );

  centreRoutes(app);
  venueRoutes(app);
  blackoutRoutes(app);
  exhibitSetRoutes(app);
  vehicleRoutes(app);
  driverRoutes(app);
};
export default catalogue;

/** Centres: a coordinator lists, creates, updates and deletes their region’s. */
function centreRoutes(app: App) {
  app.get(
    '/centres',
    { config: { access: coordinator }, schema: { tags, querystring: RegionScopedQuery, response: { 200: z.array(Centre), ...errorResponses } } },
    async (req, reply) => pageOf(req, reply, await q.listCentres(app.db, scope(req), req.query, rowsFor(req.query)), req.query),
  );
  app.post(
    '/centres',
    { config: { access: coordinator }, schema: { tags, body: CentreCreate, response: { 201: Centre, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'centre', 'create', undefined, (tx) => q.insertCentre(tx, scope(req), req.body))),
  );
  app.patch(
    '/centres/:id',
    { config: { access: coordinator }, schema: { tags, params: IdParam, body: CentreUpdate, response: { 200: Centre, ...errorResponses } } },
    async (req) => write(app, req, 'centre', 'update', req.params.id, (tx) => q.updateCentre(tx, scope(req), req.params.id, req.body)),
  );
  app.delete(
    '/centres/:id',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'Delete a centre that is nobody’s home depot (else 409 IN_USE)', params: IdParam, response: { ...NoContent, ...errorResponses } },
    },
    async (req, reply) => {
      await write(app, req, 'centre', 'delete', req.params.id, (tx) => q.deleteCentre(tx, scope(req), req.params.id));
      return reply.code(204).send(null);
    },
  );
}

/** Venues: read by coordinators and their own hosts; created, updated and imported by coordinators. */
function venueRoutes(app: App) {
  app.get(
    '/venues',
    {
      config: { access: ['coordinator', 'host'] },
      schema: { tags, summary: 'Venues: a coordinator’s region’s, a host’s own; 1000 a page unless asked (Link rel="next")', querystring: VenueQuery, response: { 200: z.array(Venue), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await q.listVenues(app.db, scope(req), req.query, rowsFor(req.query)), req.query),
  );
  app.get(
    '/venues/:id',
    { config: { access: ['coordinator', 'host'] }, schema: { tags, params: IdParam, response: { 200: Venue, ...errorResponses } } },
    async (req) => q.getVenue(app.db, scope(req), req.params.id),
  );
  app.post(
    '/venues',
    { config: { access: coordinator }, schema: { tags, body: VenueCreate, response: { 201: Venue, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'venue', 'create', undefined, (tx) => q.insertVenue(tx, scope(req), req.body))),
  );
  app.patch(
    '/venues/:id',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'Update a venue; retire it by setting retiredOn', params: IdParam, body: VenueUpdate, response: { 200: Venue, ...errorResponses } },
    },
    async (req) => write(app, req, 'venue', 'update', req.params.id, (tx) => q.updateVenue(tx, scope(req), req.params.id, req.body)),
  );
  app.post(
    '/venues/import',
    {
      config: { access: coordinator },
      schema: {
        tags,
        summary: 'Import venues from CSV (text/csv, header row) or GeoJSON points (application/geo+json): all rows or none',
        description:
          'Columns / properties: countyCode, countyName, name, kind, level, address, lng, lat (GeoJSON: the point), floorAreaM2, powerKw, priorityTier, openWeekdays (e.g. "3;4;5;6;7"), contactName, contactPhone, retiredOn. Any bad row: 422 IMPORT_ROWS_INVALID with details.errors [{line, field, message}] and nothing imported.',
        querystring: VenueImportQuery,
        body: z.string().max(10 * 1024 * 1024),
        response: { 201: VenueImportResult, ...errorResponses },
      },
    },
    async (req, reply) => {
      const file = { text: req.body, contentType: String(req.headers['content-type'] ?? ''), format: req.query.format, regionId: req.query.regionId };
      return reply.code(201).send(await importVenues(app.db, scope(req), by(req), file, app.checkVenueFile));
    },
  );
}

/** Days a venue cannot host. */
function blackoutRoutes(app: App) {
  app.get(
    '/venues/:id/blackouts',
    { config: { access: ['coordinator', 'host'] }, schema: { tags, params: IdParam, querystring: Paging(1000), response: { 200: z.array(Blackout), ...errorResponses } } },
    async (req, reply) => pageOf(req, reply, await q.listBlackouts(app.db, scope(req), req.params.id, rowsFor(req.query)), req.query),
  );
  app.post(
    '/venues/:id/blackouts',
    { config: { access: coordinator }, schema: { tags, params: IdParam, body: BlackoutCreate, response: { 201: Blackout, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'blackout', 'create', undefined, (tx) => q.insertBlackout(tx, scope(req), req.params.id, req.body))),
  );
  app.delete(
    '/blackouts/:id',
    { config: { access: coordinator }, schema: { tags, params: IdParam, response: { ...NoContent, ...errorResponses } } },
    async (req, reply) => {
      await write(app, req, 'blackout', 'delete', req.params.id, (tx) => q.deleteBlackout(tx, scope(req), req.params.id));
      return reply.code(204).send(null);
    },
  );
}

/** Exhibit sets. */
function exhibitSetRoutes(app: App) {
  app.get(
    '/exhibit-sets',
    {
      config: { access: ['coordinator', 'host'] },
      schema: { tags, summary: 'Exhibit sets of the caller’s region (hosts: to choose one when booking)', querystring: RegionScopedQuery, response: { 200: z.array(ExhibitSet), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await q.listExhibitSets(app.db, scope(req), req.query, rowsFor(req.query)), req.query),
  );
  app.post(
    '/exhibit-sets',
    { config: { access: coordinator }, schema: { tags, body: ExhibitSetCreate, response: { 201: ExhibitSet, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'exhibit_set', 'create', undefined, (tx) => q.insertExhibitSet(tx, scope(req), req.body))),
  );
  app.patch(
    '/exhibit-sets/:id',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'Update an exhibit set; retire it by setting retiredOn', params: IdParam, body: ExhibitSetUpdate, response: { 200: ExhibitSet, ...errorResponses } },
    },
    async (req) => write(app, req, 'exhibit_set', 'update', req.params.id, (tx) => q.updateExhibitSet(tx, scope(req), req.params.id, req.body)),
  );
}

/** Vehicles and the sets they carry. */
function vehicleRoutes(app: App) {
  app.get(
    '/vehicles',
    {
      config: { access: ['coordinator', 'driver'] },
      schema: { tags, summary: 'Vehicles: a coordinator’s region’s, a driver’s own', querystring: RegionScopedQuery, response: { 200: z.array(Vehicle), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await q.listVehicles(app.db, scope(req), req.query, rowsFor(req.query)), req.query),
  );
  app.post(
    '/vehicles',
    { config: { access: coordinator }, schema: { tags, body: VehicleCreate, response: { 201: Vehicle, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'vehicle', 'create', undefined, (tx) => q.insertVehicle(tx, scope(req), req.body))),
  );
  app.patch(
    '/vehicles/:id',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'Update a vehicle (and the sets it carries); retire it by setting retiredOn', params: IdParam, body: VehicleUpdate, response: { 200: Vehicle, ...errorResponses } },
    },
    async (req) => write(app, req, 'vehicle', 'update', req.params.id, (tx) => q.updateVehicle(tx, scope(req), req.params.id, req.body)),
  );
}

/** Drivers; removing one withdraws their account’s driver grants. */
function driverRoutes(app: App) {
  app.get(
    '/drivers',
    { config: { access: coordinator }, schema: { tags, querystring: RegionScopedQuery, response: { 200: z.array(Driver), ...errorResponses } } },
    async (req, reply) => pageOf(req, reply, await q.listDrivers(app.db, scope(req), req.query, rowsFor(req.query)), req.query),
  );
  app.post(
    '/drivers',
    { config: { access: coordinator }, schema: { tags, body: DriverCreate, response: { 201: Driver, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await write(app, req, 'driver', 'create', undefined, (tx) => q.insertDriver(tx, scope(req), req.body))),
  );
  app.patch(
    '/drivers/:id',
    { config: { access: coordinator }, schema: { tags, params: IdParam, body: DriverUpdate, response: { 200: Driver, ...errorResponses } } },
    async (req) => write(app, req, 'driver', 'update', req.params.id, (tx) => q.updateDriver(tx, scope(req), req.params.id, req.body)),
  );
  app.delete(
    '/drivers/:id',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'Remove a driver who left: their account loses its driver grants here, its sessions and calendar feeds (disabled if nothing is left)', params: IdParam, response: { ...NoContent, ...errorResponses } },
    },
    async (req, reply) => {
      await write(app, req, 'driver', 'delete', req.params.id, async (tx) => {
        const driver = await q.deleteDriver(tx, scope(req), req.params.id);
        await retireDriverAccount(tx, app.clock.now(), actorOf(req), driver, req.id);
      });
      return reply.code(204).send(null);
    },
  );
}
