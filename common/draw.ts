/**
 * The verifiable draw of 双随机、一公开 (issue 13) and of the 案卷评查 sample (issue 15): one pure, synchronous
 * module shared by the server, `zhifa redraw` and the public page that re-runs a draw in the browser. No Node
 * imports. Specified so that it can be reproduced in any language, with worked vectors, in docs/draw.md.
 *
 *   draw-sampler.ts  the Rivest SHA-256 sampler, the injected SHA-256 (noble by default, node:crypto by injection)
 *   draw-input.ts    input types, validation and normalisation, populationHash / poolHash / seedCommitment / seed
 *   draw-core.ts     draw(): targets per risk class, then inspectors per target under the rules
 *   draw-verify.ts   the public JSON (toPublicDraw) and its re-run (verifyDraw → 一致 / 不一致 + first difference)
 */
export * from './draw-core.js';
export * from './draw-input.js';
export * from './draw-sampler.js';
export * from './draw-verify.js';
