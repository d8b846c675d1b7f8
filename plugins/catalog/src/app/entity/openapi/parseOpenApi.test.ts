import { describe, expect, it } from 'vitest';
import { parseOpenApi } from './parseOpenApi.js';

const doc = `
openapi: 3.1.0
info: { title: Pets, version: 1.0.0, description: All the pets }
servers: [{ url: https://pets.example/v1 }]
paths:
  /pets/{id}:
    parameters:
      - $ref: '#/components/parameters/Id'
    get:
      tags: [pets]
      summary: Get a pet
      responses:
        '200':
          description: The pet
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
        '404': { $ref: '#/components/responses/NotFound' }
    delete:
      deprecated: true
      parameters:
        - { name: force, in: query, schema: { type: boolean } }
      responses: { '204': { description: Gone } }
components:
  parameters:
    Id: { name: id, in: path, description: The pet id, schema: { type: string } }
  responses:
    NotFound: { description: No such pet }
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: { type: string }
        parent: { $ref: '#/components/schemas/Pet' }
`;

describe('parseOpenApi', () => {
  it('lists operations with shared and own parameters and resolved references', () => {
    const parsed = parseOpenApi(doc);
    expect(parsed).toMatchObject({ title: 'Pets', version: '1.0.0', servers: ['https://pets.example/v1'] });
    const [get, del] = parsed.operations;
    expect(get).toMatchObject({ method: 'get', path: '/pets/{id}', tags: ['pets'], deprecated: false });
    expect(get!.parameters).toEqual([{ name: 'id', in: 'path', required: true, description: 'The pet id', schema: { type: 'string' } }]);
    expect(get!.responses.map(r => [r.status, r.description])).toEqual([
      ['200', 'The pet'],
      ['404', 'No such pet'],
    ]);
    expect(get!.responses[0]!.content[0]!.schema).toMatchObject({ type: 'object', required: ['name'] });
    expect(del).toMatchObject({ method: 'delete', deprecated: true, tags: ['default'] });
    expect(del!.parameters.map(p => p.name)).toEqual(['id', 'force']);
  });

  it('refuses text that is not an object', () => {
    expect(() => parseOpenApi('just a string')).toThrow(/not a YAML or JSON object/);
  });
});
