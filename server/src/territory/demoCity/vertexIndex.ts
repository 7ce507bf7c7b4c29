import { type BoundaryGeometry, type Position, polygonsOf } from "@gridrisk/shared";
import Flatbush from "flatbush";

/** The distinct vertices of some geometries, in order of first appearance, with an R-tree over them. */
export interface VertexIndex {
  vertices: Position[];
  /** Item i is vertices[i]. */
  tree: Flatbush;
}

/** A map key for a position: equal keys, equal coordinates. */
export function vertexKey([lng, lat]: Position): string {
  return `${lng},${lat}`;
}

/** Every distinct vertex of the geometries, indexed; undefined when there are none. */
export function indexVertices(geometries: readonly BoundaryGeometry[]): VertexIndex | undefined {
  const unique = new Map<string, Position>();
  for (const geometry of geometries) {
    for (const ring of polygonsOf(geometry).flat())
      for (const position of ring) unique.set(vertexKey(position), position);
  }
  const vertices = [...unique.values()];
  if (vertices.length === 0) return undefined;
  const tree = new Flatbush(vertices.length);
  for (const [x, y] of vertices) tree.add(x, y, x, y);
  tree.finish();
  return { vertices, tree };
}
