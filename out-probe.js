const Y = require('yaml');
const t = `a: &m {title: x}
b: *m
c:
  <<: [*m, {z: 1}]
  d: 2
e: !!binary aGVsbG8=
f: &s [1, *s]
`;
const doc = Y.parseDocument(t, {prettyErrors:false, uniqueKeys:true});
console.log(doc.errors.map(e=>e.code+' '+e.message), doc.warnings.map(e=>e.message));
for (const p of doc.contents.items) console.log(p.key.value, p.value && p.value.constructor.name, p.value && p.value.source, p.value && p.value.tag, p.value && p.value.value);
const b = doc.contents.items[1].value; console.log(b.resolve && b.resolve(doc)?.constructor.name);
const f = doc.contents.items[4].value; console.log(f.items[1].constructor.name, f.items[1].resolve(doc) === f);
const c = doc.contents.items[2].value; console.log(c.items[0].key, typeof c.items[0].key.value);
