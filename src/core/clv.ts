import { fail, ok, type Result } from "./issues";

/*
 * Customer lifetime value of a renewing contract, retention-based (the simple retention model of
 * Gupta & Lehmann): a margin m each period, kept with probability r each renewal, discounted at
 * rate i, summed over the periods after the first: CLV = m r / (1 + i - r).
 */

/**
 * CLV = margin * retention / (1 + discount - retention). Retention in [0, 1), discount >= 0 (a
 * fraction, 0.08 for 8%); either outside is #NUM!. A retention of 1 with no discount never ends.
 * @example clv(1000, 0.8, 0.1) // { ok: true, value: 2666.67 } (1000 * 0.8 / 0.3)
 */
export function clv(margin: number, retention: number, discount = 0): Result<number> {
  if (!Number.isFinite(margin)) return fail("notFinite", { value: String(margin) });
  if (!(retention >= 0 && retention < 1)) return fail("retentionOutOfRange", { value: retention });
  if (!(discount >= 0) || !Number.isFinite(discount)) return fail("discountNegative", { value: discount });
  // with retention < 1 and discount >= 0 the denominator 1 + i - r is > 0: checked by the two above
  return ok((margin * retention) / (1 + discount - retention));
}
