"use strict";
// Shared helpers for sign.js / verify.js (Qaqpa xml-crypto interop tool).

const fs = require("fs");
const { DOMParser } = require("@xmldom/xmldom");

const NS = {
  soap11: "http://schemas.xmlsoap.org/soap/envelope/",
  wsse: "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
  wsu: "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xmlns: "http://www.w3.org/2000/xmlns/",
};

const ALG = {
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  c14n: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  c14nWithComments: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
};

/** Error that maps to exit code 2 (usage / IO / unparsable input). */
class UsageError extends Error {}

/**
 * Parses `--name value` options plus exactly one positional argument.
 * @param {string[]} argv process.argv.slice(2)
 * @param {string[]} names allowed option names (without "--")
 */
function parseArgs(argv, names) {
  const opts = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      throw new UsageError("help");
    }
    if (a.startsWith("--")) {
      let name = a.slice(2);
      let value;
      const eq = name.indexOf("=");
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      } else {
        if (i + 1 >= argv.length) {
          throw new UsageError(`option --${name} needs a value`);
        }
        value = argv[++i];
      }
      if (!names.includes(name)) {
        throw new UsageError(`unknown option --${name}`);
      }
      opts[name] = value;
    } else {
      positional.push(a);
    }
  }
  for (const n of names) {
    if (opts[n] == null) {
      throw new UsageError(`missing option --${n}`);
    }
  }
  if (opts.mode !== "wss" && opts.mode !== "enveloped") {
    throw new UsageError(`--mode must be "wss" or "enveloped", got "${opts.mode}"`);
  }
  if (positional.length !== 1) {
    throw new UsageError("expected exactly one input file (or - for stdin)");
  }
  opts.input = positional[0];
  return opts;
}

function readText(path, what) {
  try {
    // A leading byte order mark is dropped (it is not part of the XML infoset).
    return fs.readFileSync(path === "-" ? 0 : path, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.message}`);
  }
}

/** Parses XML strictly enough for a test tool: any xmldom warning, error or fatal error is a failure. */
function parseXml(xml, what) {
  const problems = [];
  let doc;
  try {
    doc = new DOMParser({
      // xmldom 0.8 reports some well-formedness errors (bad attributes, unclosed tags) only as
      // warnings, so every report counts.
      errorHandler: (level, msg) => problems.push(String(msg).split("\n")[0].trim()),
    }).parseFromString(xml, "text/xml");
  } catch (e) {
    problems.push(e.message);
  }
  if (problems.length > 0 || !doc || !doc.documentElement) {
    throw new UsageError(`${what} is not well-formed XML: ${problems.join("; ") || "no document element"}`);
  }
  return doc;
}

/** Element children of `node` with the given namespace URI and local name. */
function childElements(node, ns, localName) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && c.namespaceURI === ns && c.localName === localName) {
      out.push(c);
    }
  }
  return out;
}

/** Returns the SOAP 1.1 Envelope/Header/Body elements (Header may be null). */
function soapParts(doc) {
  const env = doc.documentElement;
  if (env.namespaceURI !== NS.soap11 || env.localName !== "Envelope") {
    throw new UsageError(
      `document element is {${env.namespaceURI || ""}}${env.localName}, expected a SOAP 1.1 Envelope`,
    );
  }
  const headers = childElements(env, NS.soap11, "Header");
  const bodies = childElements(env, NS.soap11, "Body");
  if (bodies.length !== 1) {
    throw new UsageError(`expected exactly one soap:Body, found ${bodies.length}`);
  }
  if (headers.length > 1) {
    throw new UsageError(`expected at most one soap:Header, found ${headers.length}`);
  }
  return { env, header: headers[0] || null, body: bodies[0] };
}

function readCertPem(path) {
  const pem = readText(path, "certificate");
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
    throw new UsageError(`${path} does not contain a PEM CERTIFICATE`);
  }
  try {
    // Validates the certificate and lets us fail early with exit code 2.
    new (require("crypto").X509Certificate)(pem);
  } catch (e) {
    throw new UsageError(`cannot parse certificate ${path}: ${e.message}`);
  }
  return pem;
}

/** Parses the command line; on --help or a usage error prints to the right stream and gives the exit code instead. */
function parseCommandLine(argv, required, usage) {
  try {
    return { opts: parseArgs(argv, required) };
  } catch (e) {
    if (!(e instanceof UsageError)) {
      throw e;
    }
    if (e.message === "help") {
      process.stdout.write(`${usage}\n`);
      return { exit: 0 };
    }
    process.stderr.write(`error: ${e.message}\n${usage}\n`);
    return { exit: 2 };
  }
}

module.exports = {
  NS,
  parseCommandLine,
  ALG,
  UsageError,
  parseArgs,
  readText,
  parseXml,
  childElements,
  soapParts,
  readCertPem,
};
