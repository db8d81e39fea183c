/**
 * A lease on a job document, the one way Natter's background workers (the push worker, the crons)
 * make sure only one run works a job at a time: `leaseOwner` names the run, `leaseExpiresAt` (ms)
 * says until when. A lease past its expiry belongs to a dead run and may be taken over. These are
 * used inside the caller's transaction, so taking, renewing and ending a lease commit together
 * with the job's own fields.
 */
export interface LeaseFields {
  leaseOwner: string | null;
  leaseExpiresAt: number;
}

type Leased = { leaseOwner?: unknown; leaseExpiresAt?: unknown } | undefined;

/** A live run holds the job: someone owns the lease and it has not expired. */
export function leaseLive(job: Leased, nowMs: number): boolean {
  return typeof job?.leaseOwner === 'string' && typeof job.leaseExpiresAt === 'number' && job.leaseExpiresAt > nowMs;
}

export function leaseHeldBy(job: Leased, owner: string): boolean {
  return job?.leaseOwner === owner;
}

export function takeLease(owner: string, nowMs: number, leaseMs: number): LeaseFields {
  return { leaseOwner: owner, leaseExpiresAt: nowMs + leaseMs };
}

export function renewLease(nowMs: number, leaseMs: number): Pick<LeaseFields, 'leaseExpiresAt'> {
  return { leaseExpiresAt: nowMs + leaseMs };
}

export function releaseLease(nowMs: number): LeaseFields {
  return { leaseOwner: null, leaseExpiresAt: nowMs };
}
