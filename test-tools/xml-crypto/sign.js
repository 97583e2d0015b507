#!/usr/bin/env node
"use strict";
// Signs a document with xml-crypto, for Qaqpa interop tests.
//
//   node sign.js --mode wss|enveloped --key KEY.pem --cert CERT.pem IN.xml > OUT.xml
//
// Exit codes: 0 signed XML written to stdout, 2 usage / IO / input or signing error.

const crypto = require("crypto");
const { SignedXml } = require("xml-crypto");
const {
  NS,
  ALG,
  UsageError,
  parseCommandLine,
  readText,
  parseXml,
  childElements,
  soapParts,
  readCertPem,
} = require("./common");

const USAGE = "usage: node sign.js --mode wss|enveloped --key KEY.pem --cert CERT.pem IN.xml > OUT.xml";

const SOAP_ENV_XPATH = `/*[local-name(.)='Envelope' and namespace-uri(.)='${NS.soap11}']`;
const SOAP_BODY_XPATH = `${SOAP_ENV_XPATH}/*[local-name(.)='Body' and namespace-uri(.)='${NS.soap11}']`;
const SOAP_HEADER_XPATH = `${SOAP_ENV_XPATH}/*[local-name(.)='Header' and namespace-uri(.)='${NS.soap11}']`;
const WSSE_SECURITY_XPATH = `${SOAP_HEADER_XPATH}/*[local-name(.)='Security' and namespace-uri(.)='${NS.wsse}']`;

/**
 * Picks a prefix for `ns` that can be used on a child (or attribute) of `scopeEl`:
 * the one already in scope, else `preferred` (or `preferred1`, ... if that is bound to something else).
 * Returns { prefix, declare } where declare means an xmlns:prefix declaration is needed.
 */
function choosePrefix(scopeEl, ns, preferred) {
  const existing = scopeEl.lookupPrefix(ns);
  if (existing) {
    return { prefix: existing, declare: false };
  }
  let prefix = preferred;
  for (let i = 1; scopeEl.lookupNamespaceURI(prefix) != null; i++) {
    prefix = `${preferred}${i}`;
  }
  return { prefix, declare: true };
}

function firstElementChild(node) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      return c;
    }
  }
  return null;
}

/**
 * Makes sure the envelope has Body/@wsu:Id and Header/wsse:Security.
 * Returns { xml, securityIndex } where xml is the (possibly re-serialised) input.
 */
function prepareWss(xml) {
  const doc = parseXml(xml, "input");
  const { env, body } = soapParts(doc);
  let { header } = soapParts(doc);
  let changed = false;

  if (!body.getAttributeNS(NS.wsu, "Id")) {
    const id = `id-${crypto.randomBytes(16).toString("hex")}`;
    const { prefix, declare } = choosePrefix(body, NS.wsu, "wsu");
    if (declare) {
      body.setAttributeNS(NS.xmlns, `xmlns:${prefix}`, NS.wsu);
    }
    body.setAttributeNS(NS.wsu, `${prefix}:Id`, id);
    changed = true;
  }

  if (header == null) {
    const qname = env.prefix ? `${env.prefix}:Header` : "Header";
    header = doc.createElementNS(NS.soap11, qname);
    env.insertBefore(header, firstElementChild(env));
    changed = true;
  }

  // Use the first wsse:Security header that targets the ultimate receiver (no soap:actor).
  const securities = childElements(header, NS.wsse, "Security");
  let securityIndex = securities.findIndex((s) => !s.hasAttributeNS(NS.soap11, "actor"));
  if (securityIndex < 0) {
    const wsse = choosePrefix(header, NS.wsse, "wsse");
    const security = doc.createElementNS(NS.wsse, `${wsse.prefix}:Security`);
    if (wsse.declare) {
      security.setAttributeNS(NS.xmlns, `xmlns:${wsse.prefix}`, NS.wsse);
    }
    const soap = choosePrefix(header, NS.soap11, "soapenv");
    if (soap.declare) {
      security.setAttributeNS(NS.xmlns, `xmlns:${soap.prefix}`, NS.soap11);
    }
    security.setAttributeNS(NS.soap11, `${soap.prefix}:mustUnderstand`, "1");
    header.appendChild(security);
    securityIndex = securities.length;
    changed = true;
  } else if (childElements(securities[securityIndex], NS.ds, "Signature").length > 0) {
    throw new UsageError("the envelope is already signed (wsse:Security holds a ds:Signature)");
  }

  return { xml: changed ? doc.toString() : xml, securityIndex };
}

function main() {
  const { opts, exit } = parseCommandLine(process.argv.slice(2), ["mode", "key", "cert"], USAGE);
  if (!opts) {
    return exit;
  }

  try {
    const privateKey = readText(opts.key, "private key");
    try {
      crypto.createPrivateKey(privateKey);
    } catch (e) {
      throw new UsageError(`cannot parse private key ${opts.key}: ${e.message}`);
    }
    const certPem = readCertPem(opts.cert);
    let xml = readText(opts.input, "input");

    const sig = new SignedXml({
      privateKey,
      publicCert: certPem, // published as KeyInfo/X509Data/X509Certificate
      signatureAlgorithm: ALG.rsaSha256,
      canonicalizationAlgorithm: opts.mode === "wss" ? ALG.excC14n : ALG.c14n,
      idMode: opts.mode === "wss" ? "wssecurity" : undefined,
    });

    let location;
    if (opts.mode === "wss") {
      const prepared = prepareWss(xml);
      xml = prepared.xml;
      sig.addReference({
        xpath: SOAP_BODY_XPATH,
        transforms: [ALG.excC14n],
        digestAlgorithm: ALG.sha256,
      });
      location = { reference: `(${WSSE_SECURITY_XPATH})[${prepared.securityIndex + 1}]`, action: "append" };
    } else {
      const doc = parseXml(xml, "input"); // fail early (exit 2) on malformed input
      if (childElements(doc.documentElement, NS.ds, "Signature").length > 0) {
        throw new UsageError("the document is already signed (the document element has a ds:Signature child)");
      }
      sig.addReference({
        xpath: "/*",
        isEmptyUri: true, // Reference URI=""
        transforms: [ALG.enveloped, ALG.c14nWithComments],
        digestAlgorithm: ALG.sha256,
      });
      location = { reference: "/*", action: "append" };
    }

    sig.computeSignature(xml, { prefix: "ds", location });
    process.stdout.write(sig.getSignedXml());
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${e.message}\n`);
    return 2;
  }
}

process.exitCode = main();
