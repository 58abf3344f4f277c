import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { audit } from '../db/queries/audit.js';
import { assetColumns, listLoans, lockAsset, timelineBookings, type LoanAssetRef } from '../db/queries/loans.js';
import * as t from '../db/schema/index.js';
import type { LoanCreate } from '../contract/loans.js';
import { DomainError, NotFoundError } from '../errors.js';

// Lending between regions (issue 15, point 3). The database guards the rule (migration 0012); these
// functions check it first under the same lock, so a refusal names the stays in the way.

interface By {
  userId: number;
  requestId: string;
}

const entityOf = (a: LoanAssetRef) => (a.kind === 'set' ? 'exhibit_set' : 'vehicle');

/** The stays in the way, in words: venue (county) first day–last day. */
async function refuseIfBooked(tx: DbOrTx, regionId: number, a: LoanAssetRef, from: string, to: string, code: string) {
  const stays = await timelineBookings(tx, regionId, a, from, to);
  if (stays.length === 0) return;
  const list = stays.map((s) => `${s.venue} (${s.county}) ${s.startsOn}–${s.endsOn}`).join('; ');
  throw new DomainError(code, { stays: list, count: stays.length }, { stopIds: stays.map((s) => s.stopId) });
}

/** The loan as `regionId` sees it. */
async function loanOf(db: DbOrTx, regionId: number, id: number) {
  const [view] = await listLoans(db, regionId, { withdrawn: true, id });
  if (!view) throw new NotFoundError('loan', id);
  return view;
}

/**
 * Lends an asset of `lenderRegionId` (the caller's region) to another region for [startsOn, endsOn],
 * audited for both. Refused: an asset of another region (not found), a region that does not exist,
 * days the lender's timeline books it (LOAN_ASSET_BOOKED, naming the stays), or days it is already
 * lent (LOAN_OVERLAP, from the exclusion constraint).
 */
export async function lend(db: Db, lenderRegionId: number, body: LoanCreate, by: By) {
  return db.transaction(async (tx) => {
    const owner = await lockAsset(tx, body.asset);
    if (owner !== lenderRegionId) throw new NotFoundError(entityOf(body.asset), body.asset.id);
    if (body.borrowerRegionId === lenderRegionId) throw new DomainError('LOAN_TO_OWN_REGION', {});
    const [borrower] = await tx.select({ id: t.regions.id }).from(t.regions).where(eq(t.regions.id, body.borrowerRegionId));
    if (!borrower) throw new NotFoundError('region', body.borrowerRegionId);
    await refuseIfBooked(tx, lenderRegionId, body.asset, body.startsOn, body.endsOn, 'LOAN_ASSET_BOOKED');
    const [row] = await tx
      .insert(t.loans)
      .values({ ...assetColumns(body.asset), lenderRegionId, borrowerRegionId: body.borrowerRegionId, startsOn: body.startsOn, endsOn: body.endsOn, note: body.note, createdBy: by.userId })
      .returning();
    await audit(tx, { actorUserId: by.userId, action: 'loan.create', entity: 'loan', entityId: row!.id, after: row, requestId: by.requestId, regionIds: [lenderRegionId, body.borrowerRegionId] });
    return loanOf(tx, lenderRegionId, row!.id);
  });
}

/**
 * Withdraws a live loan the caller's region gave, audited for both regions. Refused while the
 * borrower's timeline books the asset on any of its days (LOAN_STAYS_BOOKED, naming the stays).
 * Withdrawing a withdrawn loan changes nothing.
 */
export async function withdrawLoan(db: Db, lenderRegionIds: number[], loanId: number, by: By, now: Date) {
  return db.transaction(async (tx) => {
    const [loan] = await tx.select().from(t.loans).where(eq(t.loans.id, loanId));
    if (!loan || !lenderRegionIds.includes(loan.lenderRegionId)) throw new NotFoundError('loan', loanId);
    if (loan.withdrawnAt) return loanOf(tx, loan.lenderRegionId, loanId);
    const asset: LoanAssetRef = loan.exhibitSetId !== null ? { kind: 'set', id: loan.exhibitSetId } : { kind: 'vehicle', id: loan.vehicleId! };
    await lockAsset(tx, asset);
    await refuseIfBooked(tx, loan.borrowerRegionId, asset, loan.startsOn, loan.endsOn, 'LOAN_STAYS_BOOKED');
    await tx.update(t.loans).set({ withdrawnAt: now, withdrawnBy: by.userId }).where(eq(t.loans.id, loanId));
    await audit(tx, { actorUserId: by.userId, action: 'loan.withdraw', entity: 'loan', entityId: loanId, before: loan, requestId: by.requestId, regionIds: [loan.lenderRegionId, loan.borrowerRegionId] });
    return loanOf(tx, loan.lenderRegionId, loanId);
  });
}
