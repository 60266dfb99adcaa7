#!/usr/bin/env node
// Writes dermcode.postman_collection.json (Postman v2.1) and local.postman_environment.json.
// Claim bodies are read from ../examples/claims and their expected findings from its manifest.json,
// so the collection never drifts from the examples: run `node build-collection.mjs` after changing them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const claimsDir = join(here, '..', 'examples', 'claims');
const manifest = JSON.parse(readFileSync(join(claimsDir, 'manifest.json'), 'utf8'));
const claimText = (file) => readFileSync(join(claimsDir, file), 'utf8');

const CPT = 'http://www.ama-assn.org/go/cpt';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const VS = 'http://dermcode.org/fhir/ValueSet/';
const RULES = 'http://dermcode.org/fhir/CodeSystem/claim-rule';
const MAP = 'http://dermcode.org/fhir/ConceptMap/cpt-retired-replacements';

// ---- test snippets (JavaScript run by Postman/newman) ----
const helpers = `
const body = pm.response.json();
function param(name) { return (body.parameter || []).find(p => p.name === name); }
function value(name) { const p = param(name); if (!p) return undefined; const k = Object.keys(p).find(k => k.startsWith('value')); return p[k]; }
function issue(messageId) { const p = param('issues'); return p && (p.resource.issue || []).find(i => (i.extension || []).some(e => e.url === 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id' && e.valueString === messageId)); }
function property(code) {
  const p = (body.parameter || []).find(p => p.name === 'property' && (p.part || []).some(x => x.name === 'code' && x.valueCode === code));
  if (!p) return undefined; const v = p.part.find(x => x.name === 'value'); if (!v) return undefined;
  const k = Object.keys(v).find(k => k.startsWith('value')); return v[k];
}
function findings(oo) { return (oo.issue || []).filter(i => i.details && i.details.coding).map(i => ({ rule: i.details.coding[0].code, severity: i.severity, expression: (i.expression || [])[0] })); }
`.trim();

const status = (code) => `pm.test('status is ${code}', () => pm.response.to.have.status(${code}));`;
const t = (name, code) => `pm.test(${JSON.stringify(name)}, () => { ${code} });`;

function lines(...parts) {
  return [helpers, ...parts].join('\n').split('\n');
}

// ---- request builders ----
function url(path, query = []) {
  const q = query.map(([key, value]) => ({ key, value }));
  const raw = '{{baseUrl}}/' + path + (q.length ? '?' + q.map(p => `${p.key}=${p.value}`).join('&') : '');
  return { raw, host: ['{{baseUrl}}'], path: path.split('/'), query: q.length ? q : undefined };
}

function get(name, path, query, ...tests) {
  return {
    name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: lines(...tests) } }],
    request: { method: 'GET', header: [{ key: 'Accept', value: 'application/fhir+json' }], url: url(path, query) },
  };
}

function post(name, path, json, ...tests) {
  return {
    name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: lines(...tests) } }],
    request: {
      method: 'POST',
      header: [
        { key: 'Content-Type', value: 'application/fhir+json' },
        { key: 'Accept', value: 'application/fhir+json' },
      ],
      body: { mode: 'raw', raw: json, options: { raw: { language: 'json' } } },
      url: url(path),
    },
  };
}

function badRequest(name, method, path, query, bodyJson, mustMention, code = 400) {
  const tests = [
    status(code),
    t('answer is an OperationOutcome with an error', `pm.expect(body.resourceType).to.eql('OperationOutcome'); pm.expect(body.issue[0].severity).to.be.oneOf(['error', 'fatal']);`),
    t(`message names ${mustMention}`, `pm.expect(body.issue.map(i => (i.diagnostics || '') + ' ' + ((i.details || {}).text || '')).join(' ')).to.include(${JSON.stringify(mustMention)});`),
    t('no stack trace', `pm.expect(pm.response.text()).to.not.include('at org.');`),
  ];
  return method === 'GET' ? get(name, path, query, ...tests) : post(name, path, bodyJson, ...tests);
}

// ---- Capabilities ----
const capabilities = [
  get('CapabilityStatement', 'metadata', [],
    status(200),
    t('is a FHIR 4.0.1 CapabilityStatement', `pm.expect(body.resourceType).to.eql('CapabilityStatement'); pm.expect(body.fhirVersion).to.eql('4.0.1');`),
    t('declares the terminology and claim operations', `
      const res = body.rest[0].resource; const ops = r => ((res.find(x => x.type === r) || {}).operation || []).map(o => o.name);
      pm.expect(ops('CodeSystem')).to.include.members(['lookup', 'validate-code', 'subsumes']);
      pm.expect(ops('ValueSet')).to.include.members(['expand', 'validate-code']);
      pm.expect(ops('ConceptMap')).to.include('translate');
      pm.expect(ops('Claim')).to.include('validate-claim');`)),
  get('TerminologyCapabilities', 'metadata', [['mode', 'terminology']],
    status(200),
    t('is TerminologyCapabilities', `pm.expect(body.resourceType).to.eql('TerminologyCapabilities');`),
    t('lists CPT and ICD-10-CM', `const systems = body.codeSystem.map(c => c.uri); pm.expect(systems).to.include.members(['${CPT}', '${ICD}']);`)),
  get('derm-claim profile (summary)', 'StructureDefinition/derm-claim', [['_summary', 'true']],
    status(200),
    t('is the derm-claim profile of Claim', `pm.expect(body.url).to.eql('http://dermcode.org/fhir/StructureDefinition/derm-claim'); pm.expect(body.type).to.eql('Claim');`)),
];

// ---- CodeSystem ----
const codeSystem = [
  get('$lookup 17311 version 2024, all properties', 'CodeSystem/$lookup', [['system', CPT], ['code', '17311'], ['version', '2024'], ['property', '*']],
    status(200),
    t('display is the Mohs first stage', `pm.expect(value('display')).to.match(/^Mohs/);`),
    t('CMS 2024 facts', `pm.expect(property('globalDays')).to.eql('000'); pm.expect(Number(property('workRvu'))).to.eql(6.2); pm.expect(Number(property('mueUnits'))).to.eql(4); pm.expect(property('parent')).to.eql('mohs'); pm.expect(property('pfsRelease')).to.eql('RVU24AR');`)),
  get('$lookup 17311 without version: the newest (2026)', 'CodeSystem/$lookup', [['system', CPT], ['code', '17311']],
    status(200),
    t('CY2026 fee schedule and 2026 Q2 edits', `pm.expect(value('version')).to.eql('2026'); pm.expect(Number(property('workRvu'))).to.eql(6.05); pm.expect(property('pfsRelease')).to.eql('RVU26C'); pm.expect(property('ncciRelease')).to.eql('2026Q2');`)),
  get('$lookup 11102 on a date of service (2024-06-01)', 'CodeSystem/$lookup', [['system', CPT], ['code', '11102'], ['date', '2024-06-01']],
    status(200),
    t('the facts in force that day', `pm.expect(value('version')).to.eql('2024'); pm.expect(Number(property('workRvu'))).to.eql(0.66); pm.expect(property('ncciRelease')).to.eql('2024Q3');`)),
  get('$lookup 11105 addOnTo and kind', 'CodeSystem/$lookup', [['system', CPT], ['code', '11105'], ['property', 'addOnTo'], ['property', 'kind']],
    status(200),
    t('only the asked properties, addOnTo twice', `pm.expect(body.parameter.filter(p => p.name === 'property').length).to.eql(3);`),
    t('is an add-on', `pm.expect(property('kind')).to.eql('add-on');`)),
  get('$lookup rule id MOD-25-MISSING', 'CodeSystem/$lookup', [['system', RULES], ['code', 'MOD-25-MISSING']],
    status(200),
    t('rule is an error with a display', `pm.expect(property('severity')).to.eql('error'); pm.expect(value('display')).to.be.a('string').and.not.empty;`)),
  get('$lookup HCPCS J7308 (http spelling)', 'CodeSystem/$lookup', [['system', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'], ['code', 'J7308']],
    status(200),
    t('needs PDT 96567', `pm.expect(property('requiresProcedure')).to.eql('96567');`)),
  get('$lookup ICD-10-CM L57.0', 'CodeSystem/$lookup', [['system', ICD], ['code', 'L57.0']],
    status(200),
    t('actinic keratosis', `pm.expect(value('display').toLowerCase()).to.include('keratosis');`)),
  get('$lookup retired 99201', 'CodeSystem/$lookup', [['system', CPT], ['code', '99201'], ['property', 'status'], ['property', 'retirementDate']],
    status(200),
    t('retired on 2021-01-01', `pm.expect(property('status')).to.eql('retired'); pm.expect(String(property('retirementDate'))).to.match(/^2021-01-01/);`)),
  post('$lookup POST coding 11102', 'CodeSystem/$lookup',
    JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'coding', valueCoding: { system: CPT, code: '11102' } }] }, null, 2),
    status(200),
    t('biopsy display', `pm.expect(value('display').toLowerCase()).to.include('biopsy');`)),
  get('$lookup on instance CodeSystem/cpt', 'CodeSystem/cpt/$lookup', [['code', '17000']],
    status(200),
    t('17000 has a 010 global', `pm.expect(property('globalDays')).to.eql('010');`)),
  get('$validate-code good code with display', 'CodeSystem/$validate-code', [['url', CPT], ['code', '11102'], ['display', 'Tangential%20biopsy%20of%20skin,%20single%20lesion']],
    status(200),
    t('valid, no message', `pm.expect(value('result')).to.eql(true); pm.expect(param('message')).to.be.undefined;`)),
  get('$validate-code unknown rule id (complete code system)', 'CodeSystem/$validate-code', [['url', RULES], ['code', 'NO-SUCH-RULE']],
    status(200),
    t('invalid with the reason', `pm.expect(value('result')).to.eql(false); pm.expect(value('message')).to.include('NO-SUCH-RULE'); pm.expect(issue('Unknown_Code_in_Version').details.coding[0].code).to.eql('invalid-code');`)),
  get('$validate-code unknown CPT code (fragment)', 'CodeSystem/$validate-code', [['url', CPT], ['code', '00000']],
    status(200),
    t('CPT here is a fragment: not rejected, but a warning says so (no message, as HL7\'s engine answers)', `pm.expect(value('result')).to.eql(true); pm.expect(param('message')).to.be.undefined; const i = issue('UNKNOWN_CODE_IN_FRAGMENT'); pm.expect(i.severity).to.eql('warning'); pm.expect(i.details.text).to.include("'00000'").and.include('fragment'); pm.expect(i.expression).to.eql(['code']);`)),
  get('$validate-code unknown CPT code in derm-procedures', 'ValueSet/$validate-code', [['url', VS + 'derm-procedures'], ['system', CPT], ['code', '00000']],
    status(200),
    t('invalid: unknown code', `pm.expect(value('result')).to.eql(false); pm.expect(value('message')).to.include("Unknown code '00000'");`)),
  get('$validate-code display mismatch', 'CodeSystem/$validate-code', [['url', CPT], ['code', '11104'], ['display', 'Shave%20biopsy']],
    status(200),
    t('valid: our CPT displays are our own wording, so the difference is information', `pm.expect(value('result')).to.eql(true); const i = issue('Display_Name_for__should_be_one_of__instead_of'); pm.expect(i.severity).to.eql('information'); pm.expect(i.details.text).to.include('Shave biopsy').and.include('Punch biopsy of skin, single lesion'); pm.expect(i.expression).to.eql(['display']);`)),
  get('$validate-code 11102 before its effective date', 'CodeSystem/$validate-code', [['url', CPT], ['code', '11102'], ['date', '2018-06-01']],
    status(200),
    t('invalid on 2018-06-01, valid from 2019-01-01', `pm.expect(value('result')).to.eql(false); pm.expect(value('message')).to.include('2019-01-01');`)),
  get('$validate-code retired 99201 without a date', 'CodeSystem/$validate-code', [['url', CPT], ['code', '99201']],
    status(200),
    t('valid, inactive, and a warning with the retirement date', `pm.expect(value('result')).to.eql(true); pm.expect(value('inactive')).to.eql(true); const i = issue('INACTIVE_CONCEPT_FOUND'); pm.expect(i.severity).to.eql('warning'); pm.expect(value('message')).to.eql(i.details.text); pm.expect(i.diagnostics).to.include('2021-01-01');`)),
  get('$subsumes biopsy / 11104', 'CodeSystem/$subsumes', [['system', CPT], ['codeA', 'biopsy'], ['codeB', '11104']],
    status(200),
    t('biopsy subsumes 11104', `pm.expect(value('outcome')).to.eql('subsumes');`)),
  get('$subsumes 11104 / biopsy', 'CodeSystem/$subsumes', [['system', CPT], ['codeA', '11104'], ['codeB', 'biopsy']],
    status(200),
    t('11104 is subsumed by biopsy', `pm.expect(value('outcome')).to.eql('subsumed-by');`)),
  get('$subsumes 11102 / 17000', 'CodeSystem/$subsumes', [['system', CPT], ['codeA', '11102'], ['codeB', '17000']],
    status(200),
    t('unrelated', `pm.expect(value('outcome')).to.eql('not-subsumed');`)),
  get('search CodeSystem by url', 'CodeSystem', [['url', CPT], ['_summary', 'true']],
    status(200),
    t('a searchset with the three CPT versions, the newest (id cpt) first', `pm.expect(body.resourceType).to.eql('Bundle'); pm.expect(body.total).to.eql(3); pm.expect(body.entry[0].resource.url).to.eql('${CPT}'); pm.expect(body.entry.map(e => e.resource.version)).to.eql(['2026', '2024', '2025']);`)),
];

// ---- ValueSet ----
const valueSet = [
  get('$expand derm-mohs', 'ValueSet/$expand', [['url', VS + 'derm-mohs']],
    status(200),
    t('Mohs codes', `const codes = body.expansion.contains.map(c => c.code); pm.expect(codes).to.include.members(['17311', '17312', '17313', '17314', '17315']); pm.expect(body.expansion.total).to.eql(codes.length);`)),
  get('$expand type-ahead "punch bio" page 1', 'ValueSet/$expand', [['url', VS + 'derm-procedures'], ['filter', 'punch%20bio'], ['count', '5'], ['offset', '0']],
    status(200),
    t('punch biopsy codes', `const codes = body.expansion.contains.map(c => c.code); pm.expect(codes).to.include.members(['11104', '11105']); pm.expect(codes.length).to.be.at.most(5);`),
    t('displays match the filter', `body.expansion.contains.forEach(c => pm.expect(c.display.toLowerCase()).to.include('punch'));`)),
  get('$expand derm-procedures page 2 (offset 5, count 5)', 'ValueSet/$expand', [['url', VS + 'derm-procedures'], ['count', '5'], ['offset', '5']],
    status(200),
    t('five codes, offset echoed, total of the whole set', `pm.expect(body.expansion.contains.length).to.eql(5); pm.expect(body.expansion.offset).to.eql(5); pm.expect(body.expansion.total).to.be.above(10);`)),
  get('$expand derm-em activeOnly', 'ValueSet/$expand', [['url', VS + 'derm-em'], ['activeOnly', 'true']],
    status(200),
    t('no retired 99201', `const codes = JSON.stringify(body.expansion.contains); pm.expect(codes).to.include('99202'); pm.expect(codes).to.not.include('99201');`)),
  get('$validate-code 99201 in derm-em on 2024-01-01', 'ValueSet/$validate-code', [['url', VS + 'derm-em'], ['system', CPT], ['code', '99201'], ['date', '2024-01-01']],
    status(200),
    t('invalid: deleted 2021-01-01', `pm.expect(value('result')).to.eql(false); pm.expect(value('message')).to.include('2021-01-01').and.include('2024-01-01');`)),
  get('$validate-code 99201 in derm-em on 2020-06-01', 'ValueSet/$validate-code', [['url', VS + 'derm-em'], ['system', CPT], ['code', '99201'], ['date', '2020-06-01']],
    status(200),
    t('valid before retirement', `pm.expect(value('result')).to.eql(true);`)),
  get('$validate-code 17000 not in derm-mohs', 'ValueSet/$validate-code', [['url', VS + 'derm-mohs'], ['system', CPT], ['code', '17000']],
    status(200),
    t('invalid, names code and value set', `pm.expect(value('result')).to.eql(false); pm.expect(value('message')).to.include('17000').and.include('derm-mohs');`)),
  get('$validate-code 11104 in derm-biopsy', 'ValueSet/$validate-code', [['url', VS + 'derm-biopsy'], ['system', CPT], ['code', '11104']],
    status(200),
    t('valid with its display', `pm.expect(value('result')).to.eql(true); pm.expect(value('display')).to.eql('Punch biopsy of skin, single lesion');`)),
  get('search ValueSet by url', 'ValueSet', [['url', VS + 'derm-em']],
    status(200),
    t('one ValueSet', `pm.expect(body.resourceType).to.eql('Bundle'); pm.expect(body.total).to.eql(1); pm.expect(body.entry[0].resource.url).to.eql('${VS}derm-em');`)),
];

// ---- ConceptMap ----
const matches = `function matches() { return (body.parameter || []).filter(p => p.name === 'match').map(m => ({ equivalence: (m.part.find(x => x.name === 'equivalence') || {}).valueCode, code: ((m.part.find(x => x.name === 'concept') || {}).valueCoding || {}).code })); }`;
const conceptMap = [
  get('$translate 99201', 'ConceptMap/$translate', [['url', MAP], ['system', CPT], ['code', '99201']],
    status(200), matches,
    t('99202, wider', `pm.expect(value('result')).to.eql(true); pm.expect(matches()).to.eql([{ equivalence: 'wider', code: '99202' }]);`)),
  get('$translate 11100', 'ConceptMap/$translate', [['url', MAP], ['system', CPT], ['code', '11100']],
    status(200), matches,
    t('three narrower biopsy codes', `pm.expect(matches().map(m => m.code)).to.have.members(['11102', '11104', '11106']); matches().forEach(m => pm.expect(m.equivalence).to.eql('narrower'));`)),
  get('$translate reverse 99202', 'ConceptMap/$translate', [['url', MAP], ['system', CPT], ['code', '99202'], ['reverse', 'true']],
    status(200), matches,
    t('the retired source 99201', `pm.expect(value('result')).to.eql(true); pm.expect(matches().map(m => m.code)).to.eql(['99201']);`)),
  get('$translate active code has no match', 'ConceptMap/$translate', [['url', MAP], ['system', CPT], ['code', '99202']],
    status(200), matches,
    t('no match', `pm.expect(value('result')).to.eql(false); pm.expect(matches()).to.eql([]);`)),
];

// ---- Claim: real claims from examples/claims with their expected findings from manifest.json ----
const claimFiles = [
  '01-clean-em-with-biopsy.json', '02-clean-ak-destruction-17000-17003.json', '03-clean-mohs-nose.json',
  '07-clean-multiple-biopsies.json', '11-clean-cyst-excision-and-warts-with-xs.json',
  '17-em-missing-25-with-biopsy.json', '22-addon-17003-without-17000.json', '23-addon-88341-without-88342.json',
  '24-biopsy-addon-listed-first.json', '25-ptp-biopsy-with-wart-destruction.json', '26-ptp-17004-with-17000-59.json',
  '27-mue-17003-fourteen-units.json', '28-mue-11103-seven-units.json', '30-retired-99201.json',
  '34-five-modifiers.json', '35-modifier-59-with-xs.json', '40-two-established-em-same-day.json',
  '60-duplicate-biopsy-add-on-lines.json', '61-claim-filed-14-months-after-service.json',
  '62-two-excimer-codes-same-day.json', '63-modifier-22-on-visit.json', '64-pathology-26-and-tc-one-line.json',
  '65-visit-with-two-units.json', '66-xs-on-destruction-next-to-visit.json', '67-physician-pdt-96574-with-j7308.json',
  '68-clean-preauthorization-for-excision.json', '69-visit-with-goeckerman-without-25.json',
  '70-clean-hospital-outpatient-pos-without-html.json',
  '71-clean-mohs-2026-complex-repair.json', '72-clean-excision-intermediate-repair-2026.json',
  '73-excision-simple-repair-bundled.json', '74-clean-shave-with-pathology-2026.json',
  '75-rvu-order-2024-excision-intermediate-repair.json',
  '80-ptp-same-anatomic-modifier-both-lines.json',
  '81-biopsy-at-telehealth-place-of-service.json', '82-phototherapy-in-hospital-outpatient-department.json',
  '83-pathology-global-for-hospital-outpatient.json', '84-diagnosis-category-header.json',
  '85-postop-visit-24-with-surgery-diagnosis.json', '86-clean-phototherapy-in-postop-period.json',
  '87-g2211-with-visit-25-and-biopsy.json', '88-g2211-without-office-visit.json', '89-g2211-before-2024.json',
  '90-postop-visit-99024-billed.json', '91-visit-day-of-flap-without-57.json',
  '92-mohs-trunk-code-for-nose.json', '93-g2211-wellness-visit-with-biopsy-2025.json',
  '94-clean-hospital-biopsy-with-pathology-26.json',
];
// extra text checks for the common mistakes the issue names
const extraChecks = {
  '17-em-missing-25-with-biopsy.json': t('message says to append modifier 25', `const i = body.issue.find(i => i.details.coding[0].code === 'MOD-25-MISSING'); pm.expect(i.details.text).to.include('Line 1').and.include('99213').and.include('11102').and.include('modifier 25'); pm.expect(i.details.coding[0].system).to.eql('${RULES}'); pm.expect(i.details.coding[0].display).to.be.a('string').and.not.empty; pm.expect(i.code).to.eql('business-rule');`),
  '27-mue-17003-fourteen-units.json': t('MUE of 17003 is 13; 15 or more lesions are 17004', `const i = body.issue.find(i => i.details.coding[0].code === 'UNITS-MUE'); pm.expect(i.details.text).to.include('17003').and.include('13').and.include('17004');`),
  '69-visit-with-goeckerman-without-25.json': t('the fix for a visit is 25 on the visit, not XS', `const i = body.issue.find(i => i.details.coding[0].code === 'PTP-BUNDLED'); pm.expect(i.details.text).to.include('modifier 25 to line 1').and.not.include('append XS');`),
  '61-claim-filed-14-months-after-service.json': t('names the filing limit', `const i = body.issue.find(i => i.details.coding[0].code === 'DATE-TIMELY-FILING'); pm.expect(i.details.text).to.include('12 months').and.include('2024-03-12');`),
  '25-ptp-biopsy-with-wart-destruction.json': t('names the NCCI pair', `const i = body.issue.find(i => i.details.coding[0].code === 'PTP-BUNDLED'); pm.expect(i.details.text).to.match(/NCCI|bundled/i);`),
  '34-five-modifiers.json': t('MOD-LIMIT alone: the profile\'s copy of it is dropped', `pm.expect(body.issue.map(i => i.details.coding[0].code)).to.eql(['MOD-LIMIT']);`),
  '30-retired-99201.json': t('CODE-INACTIVE names the retirement date', `const i = body.issue.find(i => i.details.coding[0].code === 'CODE-INACTIVE'); pm.expect(i.details.text).to.include('99201').and.include('2021-01-01');`),
  '73-excision-simple-repair-bundled.json': t('a guessed NCCI pair: names the release and the probably denied code', `const i = body.issue.find(i => i.details.coding[0].code === 'PTP-BUNDLED'); pm.expect(i.details.text).to.include('NCCI PTP 2026 Q2').and.include('probably').and.include('12002');`),
  '75-rvu-order-2024-excision-intermediate-repair.json': t('judged by the CY2024 fee schedule', `const i = body.issue.find(i => i.details.coding[0].code === 'SEQ-RVU-ORDER'); pm.expect(i.details.text).to.include('CY2024 fee schedule').and.include('12052');`),
  '22-addon-17003-without-17000.json': t('names the missing primary', `const i = body.issue.find(i => i.details.coding[0].code === 'ADDON-NO-PRIMARY'); pm.expect(i.details.text).to.include('17003').and.include('17000');`),
};
const byFile = Object.fromEntries(manifest.map(e => [e.file, e]));
const claim = [];
for (const file of claimFiles) {
  const entry = byFile[file];
  if (!entry) throw new Error(`${file} is not in examples/claims/manifest.json`);
  const expected = entry.expected.map(e => ({ rule: e.rule, severity: e.severity, expression: e.expression }));
  const tests = [status(200), t('answer is an OperationOutcome', `pm.expect(body.resourceType).to.eql('OperationOutcome');`)];
  if (expected.length === 0) {
    tests.push(t('clean: one information issue', `pm.expect(body.issue.length).to.eql(1); pm.expect(body.issue[0].severity).to.eql('information'); pm.expect(JSON.stringify(body.issue[0])).to.include('No coding problems found');`));
  } else {
    tests.push(t(`rule findings are ${expected.map(e => e.rule).join(', ')}`, `pm.expect(findings(body).filter(f => f.rule !== 'PROFILE')).to.eql(${JSON.stringify(expected)});`));
    tests.push(t('every finding has a message', `body.issue.forEach(i => pm.expect(i.details.text).to.be.a('string').and.not.empty);`));
  }
  if (extraChecks[file]) tests.push(extraChecks[file]);
  claim.push(post(`${file.replace(/\.json$/, '')}: ${entry.title}`, 'Claim/$validate-claim', claimText(file), ...tests));
}
// the other two body forms: Parameters with the claim in `resource`, and a Bundle of claims
const c17 = JSON.parse(claimText('17-em-missing-25-with-biopsy.json'));
const c01 = JSON.parse(claimText('01-clean-em-with-biopsy.json'));
claim.push(post('Parameters-wrapped claim (17)', 'Claim/$validate-claim',
  JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'resource', resource: c17 }] }, null, 2),
  status(200),
  t('same findings as the bare claim', `pm.expect(findings(body).map(f => f.rule)).to.eql(['MOD-25-MISSING']);`)));
claim.push(post('Bundle of two claims (17, 01) with their patient', 'Claim/$validate-claim',
  JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [
    { fullUrl: 'urn:uuid:0d6f4b2e-1d17-4c1a-9a17-000000000017', resource: c17 },
    { fullUrl: 'urn:uuid:0d6f4b2e-1d17-4c1a-9a17-0000000000a1', resource: { resourceType: 'Patient', id: 'derm-pt-117', active: true } },
    { fullUrl: 'urn:uuid:0d6f4b2e-1d17-4c1a-9a17-000000000001', resource: c01 }] }, null, 2),
  status(200),
  t('one OperationOutcome per Claim, in order, tied to its entry by fullUrl; the Patient is context', `pm.expect(body.resourceType).to.eql('Bundle'); pm.expect(body.entry.length).to.eql(2); pm.expect(body.entry.map(e => e.fullUrl)).to.eql(['urn:uuid:0d6f4b2e-1d17-4c1a-9a17-000000000017', 'urn:uuid:0d6f4b2e-1d17-4c1a-9a17-000000000001']); pm.expect(findings(body.entry[0].resource).map(f => f.rule)).to.eql(['MOD-25-MISSING']); pm.expect(body.entry[1].resource.issue[0].severity).to.eql('information');`)));

// ---- Errors ----
const errors = [
  badRequest('$lookup without system', 'GET', 'CodeSystem/$lookup', [['code', '11102']], null, 'system'),
  badRequest('$lookup unknown property', 'GET', 'CodeSystem/$lookup', [['system', CPT], ['code', '11102'], ['property', 'noSuchProperty']], null, 'noSuchProperty'),
  badRequest('$lookup malformed date', 'GET', 'CodeSystem/$lookup', [['system', CPT], ['code', '11102'], ['date', 'not-a-date']], null, "Parameter 'date'"),
  badRequest('$lookup code and coding together', 'POST', 'CodeSystem/$lookup', null,
    JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'system', valueUri: CPT }, { name: 'code', valueCode: '11102' }, { name: 'coding', valueCoding: { system: CPT, code: '11102' } }] }, null, 2), 'coding'),
  badRequest('$expand negative count', 'GET', 'ValueSet/$expand', [['url', VS + 'derm-mohs'], ['count', '-1']], null, 'count'),
  badRequest('$subsumes codings from two systems', 'POST', 'CodeSystem/$subsumes', null,
    JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'codingA', valueCoding: { system: CPT, code: '11102' } }, { name: 'codingB', valueCoding: { system: ICD, code: 'L57.0' } }] }, null, 2), 'same code system'),
  badRequest('$validate-claim with a Patient', 'POST', 'Claim/$validate-claim', null,
    JSON.stringify({ resourceType: 'Patient', id: 'p1' }), 'Claim'),
  badRequest('$validate-claim with broken JSON', 'POST', 'Claim/$validate-claim', null, '{"resourceType": "Claim", "item": [', 'parse'),
  badRequest('$lookup unknown code is 404', 'GET', 'CodeSystem/$lookup', [['system', CPT], ['code', '00000']], null, '00000', 404),
];

const collection = {
  info: {
    name: 'DermCode',
    description: 'DermCode FHIR terminology and claim-validation server. Generated by postman/build-collection.mjs from examples/claims; set baseUrl (default http://localhost:8080/fhir).',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item: [
    { name: 'Capabilities', item: capabilities },
    { name: 'CodeSystem', item: codeSystem },
    { name: 'ValueSet', item: valueSet },
    { name: 'ConceptMap', item: conceptMap },
    { name: 'Claim', item: claim },
    { name: 'Errors', item: errors },
  ],
  variable: [{ key: 'baseUrl', value: 'http://localhost:8080/fhir' }],
};

const environment = {
  name: 'DermCode local',
  values: [{ key: 'baseUrl', value: 'http://localhost:8080/fhir', type: 'default', enabled: true }],
  _postman_variable_scope: 'environment',
};

writeFileSync(join(here, 'dermcode.postman_collection.json'), JSON.stringify(collection, null, 2) + '\n');
writeFileSync(join(here, 'local.postman_environment.json'), JSON.stringify(environment, null, 2) + '\n');
const count = collection.item.reduce((n, folder) => n + folder.item.length, 0);
console.log(`wrote dermcode.postman_collection.json: ${count} requests in ${collection.item.length} folders`);
