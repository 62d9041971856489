#!/usr/bin/env python3
"""Generates the operation table of one ZGW API from the OpenAPI spec Open Zaak serves: per operation we serve its
path, method, operationId, tag, summary, parameters (with `required` and their schema), request body and response
schema names. The server builds its own OpenAPI document from these tables, its schema tables
(generate-schemas.py) and its registered routes (Sources/ZGWHTTP/OpenAPI); tests check the tables against the
routes, so an operation we do not serve must be left out here, by operationId or by path:

    scripts/generate-operations.py ../shared/specs/zaken-1.5.1.yaml zaken [--without-operation ID ...] \
        [--without-path PATH ...] [--without-parameter ID:NAME ...] > Sources/Domain/Generated/ZakenOperations.swift

scripts/generate-tables.sh has the exact invocation of every generated file.
"""
import argparse
import os
import yaml

arguments = argparse.ArgumentParser()
arguments.add_argument('spec')
arguments.add_argument('catalog')
arguments.add_argument('--without-operation', action='append', default=[])
arguments.add_argument('--without-path', action='append', default=[])
arguments.add_argument('--without-parameter', action='append', default=[])
options = arguments.parse_args()

spec = yaml.safe_load(open(options.spec))
schemas = spec['components']['schemas']
without_parameters = {tuple(entry.split(':', 1)) for entry in options.without_parameter}
METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete']


def swift_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', ' ') + '"'


def resolve(node):
    while isinstance(node, dict) and '$ref' in node:
        parts = node['$ref'][2:].split('/')
        node = spec
        for part in parts:
            node = node[part]
    return node


def parameter_node(schema):
    """The SchemaNode expression of a parameter's schema (the same vocabulary as the schema tables)."""
    schema = resolve(schema)
    if 'enum' in schema:
        return '.string(choices: [%s])' % ', '.join(swift_string(str(v)) for v in schema['enum'] if v is not None)
    kind = schema.get('type', 'string')
    if kind == 'array':
        return '.array(%s)' % parameter_node(schema.get('items', {}))
    if kind == 'integer':
        return '.integer()'
    if kind == 'number':
        return '.number'
    if kind == 'boolean':
        return '.boolean'
    if 'format' in schema:
        return '.string(format: .%s)' % {'date-time': 'dateTime', 'uri': 'uri', 'date': 'date', 'uuid': 'uuid',
                                         'duration': 'duration', 'email': 'email'}.get(schema['format'], 'none')
    return '.string()'


def reference(content):
    """`.plain("Zaak")`, `.request("Zaak", named: "ZaakRequest")` ... for a request or response body schema."""
    if not content:
        return None
    media = next(iter(content.values()))
    schema = media.get('schema')
    if not schema:
        return None
    if schema.get('type') == 'array' and '$ref' in schema.get('items', {}):
        name = schema['items']['$ref'].split('/')[-1]
        return '.array(%s)' % swift_string(name[len('Expand'):] if name.startswith('Expand') and name[len('Expand'):] in schemas else name)
    if '$ref' not in schema:
        return None
    name = schema['$ref'].split('/')[-1]
    base = name
    form = 'plain'
    if base.startswith('Patched'):
        base, form = base[len('Patched'):], 'patch'
    if base.startswith('Paginated') and base.endswith('List'):
        base, form = base[len('Paginated'):-len('List')], 'page'
    if base.endswith('Request') and base[:-len('Request')] in schemas:
        base = base[:-len('Request')]
        form = 'request' if form == 'plain' else form
    if base.startswith('Expand') and base[len('Expand'):] in schemas:
        base = base[len('Expand'):]
    return '.%s(%s, named: %s)' % (form, swift_string(base), swift_string(name))


lines = []
for path, item in spec['paths'].items():
    if path in options.without_path:
        continue
    shared = item.get('parameters', [])
    for method in METHODS:
        operation = item.get(method)
        if not operation or operation['operationId'] in options.without_operation:
            continue
        identifier = operation['operationId']
        parameters = []
        for parameter in [resolve(p) for p in shared + operation.get('parameters', [])]:
            if (identifier, parameter['name']) in without_parameters:
                continue
            required = ', required: true' if parameter.get('required') and parameter['in'] != 'path' else ''
            parameters.append('.%s(%s, %s%s)' % (parameter['in'], swift_string(parameter['name']), parameter_node(parameter.get('schema', {})), required))
        body = reference(operation.get('requestBody', {}).get('content'))
        responses, errors = [], []
        for status, response in operation.get('responses', {}).items():
            response = resolve(response)
            target = reference(response.get('content'))
            if target in ('.plain("Fout", named: "Fout")', '.plain("ValidatieFout", named: "ValidatieFout")'):
                errors.append(str(status))  # the standard's problem bodies (ProblemDetails)
                continue
            responses.append('.init(%s, %s%s)' % (swift_string(str(status)), swift_string(response.get('description', '')),
                                                   ', body: ' + target if target else ''))
        lines.append('        APIOperation(\n'
                     '            %s, .%s, id: %s, tag: %s,\n'
                     '            summary: %s,\n'
                     '            parameters: [%s],\n'
                     '%s'
                     '            responses: [%s],\n'
                     '            errors: [%s]),' % (
                         swift_string(path), method, swift_string(identifier), swift_string((operation.get('tags') or [''])[0]),
                         swift_string(operation.get('summary', '')),
                         ('\n                ' + ',\n                '.join(parameters) + ',\n            ') if parameters else '',
                         '            body: %s,\n' % body if body else '',
                         ', '.join(responses), ', '.join(errors)))

print('// Generated by scripts/generate-operations.py from %s. Do not edit; regenerate (scripts/generate-tables.sh).'
      % os.path.basename(options.spec))
print('// swiftlint:disable all')
print()
print('extension APIOperation {')
print('    public static let %s: [APIOperation] = [' % options.catalog)
print('\n'.join(lines))
print('    ]')
print('}')
