import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";

export interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, object>; securitySchemes?: object };
}

/** Fetches the server's OpenAPI document and returns a check that a real response body fits what it says. */
export async function openApiChecker(url: string): Promise<{ doc: OpenApi; check: (path: string, method: string, status: number, body: unknown) => void }> {
  const res = await fetch(`${url}/api/openapi.json`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as OpenApi;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
  const check = (pathName: string, method: string, status: number, body: unknown): void => {
    const ref = doc.paths[pathName]?.[method]?.responses[String(status)]?.content?.["application/json"]?.schema.$ref;
    assert.ok(ref, `the document describes ${method.toUpperCase()} ${pathName} → ${status}`);
    const validate = ajv.getSchema(ref)!;
    assert.ok(validate(body), `${method.toUpperCase()} ${pathName} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  };
  return { doc, check };
}
