// The JSON API as the page that mounts the view describes it: data-api (the base URL, relative or absolute),
// data-csrf-header and data-csrf-token (a server that puts its CSRF token in the page, as Jenkins does with its
// crumb). kargo serve's page gives none of the CSRF data: the view asks api/session for it.

const TOKEN_KEY = 'kargo.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  constructor(mount) {
    const base = mount.dataset.api || 'api';
    this.base = base.endsWith('/') ? base : base + '/';
    this.eventsUrl = mount.dataset.events || null;
    this.csrfHeader = mount.dataset.csrfHeader || null;
    this.csrfToken = mount.dataset.csrfToken || null;
    this.session = {user: mount.dataset.user || null, readsOpen: true, tokens: !mount.dataset.csrfToken};
  }

  /** Who the page acts for, and the CSRF token when the page did not give one. */
  async loadSession() {
    if (this.csrfToken && !this.session.tokens) return this.session;
    const session = await this.get('session');
    this.csrfHeader = this.csrfHeader || session.csrfHeader;
    this.csrfToken = this.csrfToken || session.csrfToken;
    this.session = {user: session.user, readsOpen: session.readsOpen, tokens: true, banner: session.banner};
    return this.session;
  }

  /** kargo serve: checks a token with the server and keeps it for this tab only. */
  async signIn(token) {
    const session = await this.request('GET', 'session', undefined, {Authorization: 'Bearer ' + token.trim()});
    sessionStorage.setItem(TOKEN_KEY, token.trim());
    this.session = {...this.session, user: session.user};
    return session.user;
  }

  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    this.session = {...this.session, user: null};
  }

  get(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      for (const value of [].concat(v)) if (value !== undefined && value !== null && value !== '') query.append(k, value);
    }
    const q = query.toString();
    return this.request('GET', path + (q ? '?' + q : ''));
  }

  post(path, body) {
    return this.request('POST', path, body === undefined ? {} : body);
  }

  /** Headers every request sends: the token, when signed in. */
  authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? {Authorization: 'Bearer ' + token} : {};
  }

  async request(method, path, body, headers) {
    const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json', ...this.authHeaders(), ...headers}};
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      if (this.csrfHeader && this.csrfToken) init.headers[this.csrfHeader] = this.csrfToken;
      init.body = JSON.stringify(body);
    }
    const response = await fetch(this.base + path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      throw new ApiError(response.status, 'not-json', `the server answered ${response.status} without JSON`);
    }
    if (!response.ok) {
      const error = (json && json.error) || {};
      throw new ApiError(response.status, error.code || 'error', error.message || `the server answered ${response.status}`);
    }
    return json;
  }
}
