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

/** The last path segment of a repository, which names the service or package (an npm scope stays with it). */
export function shortName(artifact) {
  const repo = artifact.repository || '';
  const scope = repo.lastIndexOf('/@');
  return repo.startsWith('@') ? repo : scope >= 0 ? repo.slice(scope + 1) : repo.split('/').pop();
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

/** Several Freight (one per origin), as one label. */
export function freightsLabel(freight) {
  return (freight || []).map(freightLabel).join(' + ');
}

/** Seconds in an ISO-8601 duration as the API writes them ("PT30S", "PT1M30S"); null when it is none. */
export function seconds(duration) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(duration || '');
  return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : null;
}

/** Whether a promotion or verification is still under way (Kargo's Pending and Running). */
export function underWay(phase) {
  return phase === 'Pending' || phase === 'Running';
}
