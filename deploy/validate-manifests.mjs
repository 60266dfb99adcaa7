#!/usr/bin/env node
// Schema check of the rendered manifests (kubectl kustomize output) with kubernetes-models, plus
// the promises the README makes about them: 2 replicas, probes on the actuator groups, requests and
// limits, non-root, read-only root file system with an emptyDir on /tmp, HPA on CPU.
// Usage: node validate-manifests.mjs rendered.yaml
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';

const models = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};
const file = process.argv[2];
if (!file) { console.error('usage: validate-manifests.mjs rendered.yaml'); process.exit(2); }
const docs = parseAllDocuments(readFileSync(file, 'utf8'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const seen = {};
for (const doc of docs) {
  if (doc.errors.length) { failures.push(`YAML: ${doc.errors.map(e => e.message).join('; ')}`); continue; }
  const obj = doc.toJS();
  if (!obj) continue;
  const key = `${obj.apiVersion}/${obj.kind}`;
  const Model = models[key];
  if (!Model) { failures.push(`unexpected resource ${key} ${obj.metadata?.name}`); continue; }
  try {
    new Model(obj).validate();
  } catch (e) {
    failures.push(`${key} ${obj.metadata?.name}: ${e.message}`);
  }
  seen[obj.kind] = obj;
}
for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler']) check(seen[kind], `no ${kind}`);

const d = seen.Deployment;
if (d) {
  const pod = d.spec.template.spec;
  const c = pod.containers[0];
  check(d.spec.replicas === 2, 'Deployment: replicas must be 2');
  check(c.livenessProbe?.httpGet?.path === '/actuator/health/liveness', 'livenessProbe on /actuator/health/liveness');
  check(c.readinessProbe?.httpGet?.path === '/actuator/health/readiness', 'readinessProbe on /actuator/health/readiness');
  check(c.resources?.requests?.cpu && c.resources?.requests?.memory, 'resource requests (cpu, memory)');
  check(c.resources?.limits?.cpu && c.resources?.limits?.memory, 'resource limits (cpu, memory)');
  check(pod.securityContext?.runAsNonRoot === true || c.securityContext?.runAsNonRoot === true, 'runAsNonRoot');
  check(c.securityContext?.readOnlyRootFilesystem === true, 'readOnlyRootFilesystem');
  const tmp = (c.volumeMounts || []).find(m => m.mountPath === '/tmp');
  check(tmp && (pod.volumes || []).some(v => v.name === tmp.name && v.emptyDir), 'an emptyDir mounted on /tmp');
}
const s = seen.Service;
if (s && d) {
  const labels = d.spec.template.metadata.labels;
  check(Object.entries(s.spec.selector).every(([k, v]) => labels[k] === v), 'Service selector matches the pods');
}
const h = seen.HorizontalPodAutoscaler;
if (h) {
  check(h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d?.metadata.name, 'HPA targets the Deployment');
  check(h.spec.metrics.some(m => m.type === 'Resource' && m.resource.name === 'cpu'), 'HPA scales on CPU');
}

if (failures.length) {
  console.error(`manifests: ${failures.length} problem(s):\n - ` + failures.join('\n - '));
  process.exit(1);
}
console.log(`manifests: OK (${Object.keys(seen).join(', ')} valid against the Kubernetes schemas)`);
