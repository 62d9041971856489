#!/usr/bin/env python3
"""Generates the request/response field tables of one ZGW API from its official OpenAPI spec.

The server validates and normalises bodies with these tables (Sources/Domain/Schema), so the field names,
types, lengths, enums, formats, required and nullable flags are the spec's own, not retyped by hand.

    scripts/generate-schemas.py ../shared/specs/zaken-1.5.1-vng.yaml zaken Zaak Status ... > Sources/Domain/Generated/ZakenSchemas.swift
"""
import sys, yaml

spec_path, catalog, *roots = sys.argv[1:]
schemas = yaml.safe_load(open(spec_path))['components']['schemas']
emitted, queue = {}, list(roots)


def ref_name(ref):
    return ref.split('/')[-1]


def swift_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def enum_values(name):
    return [v for v in schemas[name].get('enum', []) if v is not None]


def node(prop):
    """(swift node expression, nullable) for one property schema."""
    nullable = bool(prop.get('nullable'))
    if 'allOf' in prop and len(prop['allOf']) == 1:
        inner, inner_nullable = node(schemas_ref(prop['allOf'][0]))
        return inner, nullable or inner_nullable
    if 'oneOf' in prop and all('$ref' in p for p in prop['oneOf']):
        names = [ref_name(p['$ref']) for p in prop['oneOf']]
        if names == ['GeoJSONGeometry'] or 'Point' in names:
            return '.geometry', nullable
        if all('enum' in schemas[n] for n in names):
            choices = []
            for n in names:
                if None in schemas[n]['enum']:
                    nullable = True
                choices += enum_values(n)
            return '.string(choices: [%s])' % ', '.join(swift_string(c) for c in choices), nullable
    if '$ref' in prop:
        return node(schemas_ref(prop))
    if 'enum' in prop and prop.get('type', 'string') == 'string':
        return '.string(choices: [%s])' % ', '.join(swift_string(c) for c in prop['enum'] if c is not None), nullable or None in prop['enum']
    kind = prop.get('type')
    if kind == 'string':
        args = []
        if 'format' in prop:
            args.append('format: .%s' % {'date-time': 'dateTime', 'uri': 'uri', 'date': 'date', 'uuid': 'uuid', 'duration': 'duration',
                                          'email': 'email', 'byte': 'byte', 'binary': 'binary', 'decimal': 'decimal'}.get(prop['format'], 'none'))
        if 'maxLength' in prop:
            args.append('maxLength: %d' % prop['maxLength'])
        if 'minLength' in prop:
            args.append('minLength: %d' % prop['minLength'])
        if 'pattern' in prop:
            args.append('pattern: %s' % swift_string(prop['pattern']))
        return '.string(%s)' % ', '.join(args), nullable
    if kind == 'integer':
        args = []
        if 'minimum' in prop: args.append('minimum: %d' % prop['minimum'])
        if 'maximum' in prop: args.append('maximum: %d' % prop['maximum'])
        return '.integer(%s)' % ', '.join(args), nullable
    if kind == 'number':
        return '.number', nullable
    if kind == 'boolean':
        return '.boolean', nullable
    if kind == 'array':
        inner, _ = node(prop['items'])
        return '.array(%s)' % inner, nullable
    if kind == 'object' and 'properties' not in prop:
        return '.any', nullable
    if kind is None and not {'$ref', 'allOf', 'properties', 'items'} & set(prop):
        return '.any', nullable  # no type: any JSON (an audit trail's `oud`/`nieuw`, a polymorphic `oneOf`)
    raise SystemExit('unsupported property schema: %r' % prop)


def schemas_ref(prop):
    """A `$ref` to an object schema becomes `.object(name)` (queued); to an enum or scalar, its definition."""
    name = ref_name(prop['$ref'])
    target = schemas[name]
    if name == 'GeoJSONGeometry' or name in ('Point', 'Polygon'):
        return {'type': '__geometry'}
    if 'properties' in target or 'allOf' in target:
        if name not in emitted and name not in queue:
            queue.append(name)
        return {'type': '__object', 'name': name}
    return target


_node = node


def node(prop):
    if prop.get('type') == '__geometry':
        return '.geometry', False
    if prop.get('type') == '__object':
        return '.object(%s)' % swift_string(prop['name']), False
    return _node(prop)


def properties_of(name):
    """Own properties and required names, following allOf parts."""
    schema = schemas[name]
    props, required = dict(schema.get('properties', {})), list(schema.get('required', []))
    for part in schema.get('allOf', []):
        if '$ref' in part:
            sub_props, sub_required = properties_of(ref_name(part['$ref']))
        else:
            sub_props, sub_required = part.get('properties', {}), part.get('required', [])
        props.update(sub_props)
        required += sub_required
    return props, required


while queue:
    name = queue.pop(0)
    props, required = properties_of(name)
    lines = []
    for key, prop in props.items():
        expression, nullable = node(prop)
        flags = ''
        if nullable: flags += ', nullable: true'
        if prop.get('readOnly'): flags += ', readOnly: true'
        if prop.get('writeOnly'): flags += ', writeOnly: true'
        lines.append('            SchemaProperty(%s, %s%s),' % (swift_string(key), expression, flags))
    emitted[name] = '        %s: ObjectSchema(\n            properties: [\n%s\n            ],\n            required: [%s]),' % (
        swift_string(name), '\n'.join('    ' + l for l in lines), ', '.join(swift_string(r) for r in sorted(set(required))))

discriminators = []
for name in list(emitted):
    disc = schemas[name].get('discriminator') if 'properties' in schemas[name] else None
    if not disc or 'mapping' not in disc:
        continue
    entries = []
    for value, target in disc['mapping'].items():
        parts = schemas[ref_name(target)].get('allOf', [])
        if len(parts) < 2:
            entries.append('%s: nil' % swift_string(value))
            continue
        (field, prop), = schemas[ref_name(parts[1]['$ref'])]['properties'].items()
        sub = ref_name(prop['allOf'][0]['$ref'])
        if sub not in emitted:
            queue.append(sub)
        entries.append('%s: %s' % (swift_string(value), swift_string(sub)))
    discriminators.append('        %s: Discriminator(property: %s, field: %s, schemas: [%s]),' % (
        swift_string(name), swift_string(disc['propertyName']), swift_string(field), ', '.join(entries)))

while queue:  # schemas only reached through discriminators
    name = queue.pop(0)
    if name in emitted:
        continue
    props, required = properties_of(name)
    lines = []
    for key, prop in props.items():
        expression, nullable = node(prop)
        flags = ''
        if nullable: flags += ', nullable: true'
        if prop.get('readOnly'): flags += ', readOnly: true'
        lines.append('            SchemaProperty(%s, %s%s),' % (swift_string(key), expression, flags))
    emitted[name] = '        %s: ObjectSchema(\n            properties: [\n%s\n            ],\n            required: [%s]),' % (
        swift_string(name), '\n'.join('    ' + l for l in lines), ', '.join(swift_string(r) for r in sorted(set(required))))

print('// Generated by scripts/generate-schemas.py from %s. Do not edit; regenerate.' % spec_path.split('/')[-1])
print('// swiftlint:disable all')
print()
print('extension SchemaCatalog {')
print('    public static let %s = SchemaCatalog(' % catalog)
print('        schemas: [')
for name in sorted(emitted):
    print('    ' + emitted[name].replace('\n', '\n    '))
print('        ],')
print('        discriminators: [')
print('\n'.join(discriminators) if discriminators else '        :')
print('        ])')
print('}')
