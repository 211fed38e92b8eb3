import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SHAPES_DIR = join(import.meta.dirname, '../../fixtures/dcat-ap-3.0.1');

function parseTurtle(text: string): Quad[] {
  return new Parser().parse(text);
}

/** The official DCAT-AP 3.0.1 shapes: mandatory properties (shapes.ttl) and value classes (range.ttl). */
function shapesGraph() {
  const graph = new Store();
  for (const file of ['shapes.ttl', 'range.ttl']) for (const quad of parseTurtle(readFileSync(join(SHAPES_DIR, file), 'utf8'))) graph.add(quad);
  return graph;
}

/** A JSON-LD document as an RDF graph (expanded offline: the context is inline). */
export async function toGraph(document: object) {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads' })) as unknown as string;
  const graph = new Store();
  for (const quad of new Parser({ format: 'N-Quads' }).parse(nquads)) graph.add(quad);
  return graph;
}

/** The SHACL violations of a JSON-LD document against the official shapes, one line each. */
export async function dcatViolations(document: object): Promise<string[]> {
  const report = await new SHACLValidator(shapesGraph()).validate(await toGraph(document));
  return report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join(' ')}`);
}
