import { ok, type Result } from "./issues";
import { exactSum } from "./order";
import { checkParetoValues } from "./pareto";

/*
 * The Gini coefficient of a book, as R's ineq::Gini(x, corr = FALSE) defines it: over the values
 * in ascending order x(1)..x(n), G = 2 sum(i x(i)) / (n sum(x)) - (n+1)/n. 0 when every client
 * holds the same; (n-1)/n, never 1, when one client holds everything.
 */

/**
 * Gini of non-negative values, not all zero (the same checks as the 80/20 curve: a negative value
 * is #NUM!, all zero or none #DIV/0!).
 * @example gini([1, 2, 3, 4]) // { ok: true, value: 0.25 }
 */
export function gini(values: ArrayLike<number>): Result<number> {
  const checked = checkParetoValues(values);
  if (!checked.ok) return checked;
  const ascending = Float64Array.from(values).sort();
  const n = ascending.length;
  // sum((2i - n - 1) x(i)) / (n sum(x)) is the same G with no large terms cancelling:
  // equal values give exactly 0
  const weighted = new Float64Array(n);
  for (let i = 0; i < n; i++) weighted[i] = (2 * (i + 1) - n - 1) * ascending[i];
  const g = exactSum(weighted) / (n * exactSum(ascending));
  return ok(Math.min((n - 1) / n, Math.max(0, g)));
}
