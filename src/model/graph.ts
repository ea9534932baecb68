/** Adjacency of the flow graph, built once per use in linear time. */
import type { FlowEdge, SopModel } from './model.js';

/** `out[k]` lists the edges leaving step k (index 0 unused). */
export function outgoingEdges(model: SopModel): readonly (readonly FlowEdge[])[] {
  const out: FlowEdge[][] = Array.from({ length: model.steps.length + 1 }, () => []);
  for (const e of model.edges) out[e.from]?.push(e);
  return out;
}
