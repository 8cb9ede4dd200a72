/*
 * Property tests run thousands of generated cases with a fixed seed, so a run in CI is
 * reproducible; FC_SEED=<number> explores other cases (FC_SEED=random for a fresh seed each run).
 */
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261122 });
