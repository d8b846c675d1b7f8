/**
 * JavaScript evaluated inside the QuickJS sandbox after nunjucks' browser bundle. It is a string,
 * not a host function, because nothing from the host process may cross into the sandbox: data
 * goes in and comes out as JSON text only.
 */
export const SANDBOX_SETUP_SOURCE = String.raw`
(function () {
  var hasOwn = Object.prototype.hasOwnProperty;
  function parseRepoUrl(url) {
    if (typeof url !== 'string' || url.length === 0) throw new Error('parseRepoUrl expects a string such as "host?owner=o&repo=r"');
    var q = url.indexOf('?');
    var host = q >= 0 ? url.slice(0, q) : url;
    var query = q >= 0 ? url.slice(q + 1) : '';
    if (!host || /[\/\s]/.test(host.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, ''))) throw new Error('Invalid repo URL "' + url + '": expected "host?owner=o&repo=r"');
    var out = { host: host };
    var keys = ['owner', 'repo', 'organization', 'workspace', 'project'];
    query.split('&').forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf('=');
      var key = decodeURIComponent((eq >= 0 ? pair.slice(0, eq) : pair).replace(/\+/g, ' '));
      var value = decodeURIComponent((eq >= 0 ? pair.slice(eq + 1) : '').replace(/\+/g, ' '));
      if (keys.indexOf(key) >= 0) out[key] = value;
    });
    if (!out.repo) throw new Error('Invalid repo URL "' + url + '": missing repo');
    return out;
  }
  function parseEntityRef(ref, context) {
    if (typeof ref !== 'string' || ref.length === 0) throw new Error('parseEntityRef expects a string such as "kind:namespace/name"');
    context = context || {};
    var kind, namespace, name, rest = ref;
    var colon = rest.indexOf(':');
    if (colon >= 0) { kind = rest.slice(0, colon); rest = rest.slice(colon + 1); } else { kind = context.defaultKind; }
    var slash = rest.indexOf('/');
    if (slash >= 0) { namespace = rest.slice(0, slash); name = rest.slice(slash + 1); } else { namespace = context.defaultNamespace || 'default'; name = rest; }
    if (!kind) throw new Error('Entity reference "' + ref + '" has no kind and no default kind was given');
    if (!namespace || !name || /[:\/]/.test(name)) throw new Error('Entity reference "' + ref + '" is not valid');
    return { kind: kind, namespace: namespace, name: name };
  }
  function pick(obj, key) {
    if (obj === null || typeof obj !== 'object' || !hasOwn.call(obj, key)) return undefined;
    return obj[key];
  }
  function projectSlug(url) {
    var parsed = parseRepoUrl(url);
    return (parsed.owner || parsed.organization || parsed.workspace || parsed.project) + '/' + parsed.repo;
  }

  var nj = globalThis.nunjucks;
  var env = new nj.Environment([], {
    autoescape: false,
    tags: { variableStart: '$' + '{{', variableEnd: '}}' },
  });
  env.addFilter('parseRepoUrl', parseRepoUrl);
  env.addFilter('parseEntityRef', parseEntityRef);
  env.addFilter('pick', pick);
  env.addFilter('projectSlug', projectSlug);

  var render = function (template, contextJson) {
    return env.renderString(template, JSON.parse(contextJson));
  };
  Object.defineProperty(globalThis, '__portalRender', { value: render, writable: false, configurable: false });
  delete globalThis.nunjucks;
})();
`;
