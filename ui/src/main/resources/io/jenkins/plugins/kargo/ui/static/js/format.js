// Small renderings shared by the pages: times, artifacts, badges. All return nodes or plain strings.
import {h} from './dom.js';

/** "3m ago", "2h ago", "5d ago" from an ISO-8601 instant; the exact time is the title. */
export function ago(iso, now = Date.now()) {
  if (!iso) return h('span', {class: 'muted'}, 'never');
  const t = Date.parse(iso);
  const seconds = Math.max(0, Math.round((now - t) / 1000));
  const text = seconds < 60 ? `${seconds}s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)}m ago`
    : seconds < 86400 ? `${Math.floor(seconds / 3600)}h ago` : `${Math.floor(seconds / 86400)}d ago`;
  return h('time', {datetime: iso, title: new Date(t).toISOString()}, text);
}

export function when(iso) {
  return iso ? h('time', {datetime: iso}, new Date(Date.parse(iso)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')) : '';
}

/** The last path segment of a repository, which names the service or package. */
export function shortName(artifact) {
  const repo = artifact.repository || '';
  return repo.startsWith('@') ? repo : repo.split('/').pop();
}

export function maturityBadge(maturity) {
  return maturity ? h('span', {class: `badge maturity-${maturity}`}, maturity) : null;
}

export function phaseBadge(phase) {
  if (!phase) return null;
  return h('span', {class: `badge phase phase-${phase.toLowerCase()}`}, phase);
}

/** "user-service v1.2.3, payment-service v1.2.3" as a list. */
export function versions(artifacts, limit = Infinity) {
  const shown = artifacts.slice(0, limit);
  return h('ul', {class: 'versions'},
    shown.map(a => h('li', {title: a.repository + (a.digest ? '@' + a.digest : '')},
      h('span', {class: 'artifact'}, shortName(a)), ' ', h('code', {}, a.version))),
    artifacts.length > shown.length ? h('li', {class: 'muted'}, `+${artifacts.length - shown.length} more`) : null);
}

export function freightLabel(freight) {
  return freight.alias || (freight.name || '').slice(0, 7);
}
