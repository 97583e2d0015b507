#!/usr/bin/env node
"use strict";
// Verifies a signature with xml-crypto, for Qaqpa interop tests.
//
//   node verify.js --mode wss|enveloped --cert CERT.pem IN.xml
//
// The key comes from CERT.pem only; KeyInfo in the document is ignored (informational).
// Exit codes: 0 "valid", 1 "invalid: <reason>" (both on stdout), 2 usage / IO / malformed XML (stderr).

const { DOMParser } = require("@xmldom/xmldom");
const { SignedXml } = require("xml-crypto");
const {
  NS,
  parseCommandLine,
  readText,
  parseXml,
  childElements,
  soapParts,
  readCertPem,
} = require("./common");

const USAGE = "usage: node verify.js --mode wss|enveloped --cert CERT.pem IN.xml";

/** Thrown for a definite "the signature is not valid" outcome (exit 1). */
class Invalid extends Error {}

function findWssSignature(doc) {
  const { header, body } = soapParts(doc);
  if (header == null) {
    throw new Invalid("no soap:Header");
  }
  const securities = childElements(header, NS.wsse, "Security");
  if (securities.length === 0) {
    throw new Invalid("no wsse:Security in soap:Header");
  }
  const sigs = securities.flatMap((s) => childElements(s, NS.ds, "Signature"));
  if (sigs.length !== 1) {
    throw new Invalid(`expected exactly one ds:Signature in soap:Header/wsse:Security, found ${sigs.length}`);
  }
  return { signature: sigs[0], body };
}

function findEnvelopedSignature(doc) {
  const sigs = childElements(doc.documentElement, NS.ds, "Signature");
  if (sigs.length !== 1) {
    throw new Invalid(
      `expected exactly one ds:Signature child of the document element, found ${sigs.length}`,
    );
  }
  return { signature: sigs[0] };
}

function referenceUris(signature) {
  const signedInfo = childElements(signature, NS.ds, "SignedInfo");
  if (signedInfo.length !== 1) {
    throw new Invalid(`expected exactly one ds:SignedInfo, found ${signedInfo.length}`);
  }
  return childElements(signedInfo[0], NS.ds, "Reference").map((r) =>
    r.hasAttribute("URI") ? r.getAttribute("URI") : null,
  );
}

function verify(opts) {
  const certPem = readCertPem(opts.cert);
  const xml = readText(opts.input, "input");
  const doc = parseXml(xml, "input");

  const found = opts.mode === "wss" ? findWssSignature(doc) : findEnvelopedSignature(doc);
  const uris = referenceUris(found.signature);
  if (uris.length === 0) {
    throw new Invalid("signature has no ds:Reference");
  }

  // Structural binding checks (what the signature must cover in this mode).
  let bodyRefIndex = -1;
  let bodyId;
  if (opts.mode === "wss") {
    bodyId = found.body.getAttributeNS(NS.wsu, "Id");
    if (!bodyId) {
      throw new Invalid("soap:Body has no wsu:Id, so the signature cannot reference it");
    }
    bodyRefIndex = uris.indexOf(`#${bodyId}`);
    if (bodyRefIndex < 0) {
      throw new Invalid(
        `no ds:Reference points to the soap:Body (expected URI="#${bodyId}", found ${uris
          .map((u) => (u == null ? "(no URI)" : `"${u}"`))
          .join(", ")})`,
      );
    }
  } else if (!uris.includes("")) {
    throw new Invalid('no ds:Reference with URI="" (whole document)');
  }

  // Cryptographic check. The key is the one from CERT.pem; KeyInfo is never consulted.
  const sig = new SignedXml({
    publicCert: certPem,
    getCertFromKeyInfo: () => null,
    idMode: opts.mode === "wss" ? "wssecurity" : undefined,
  });
  let ok;
  try {
    sig.loadSignature(found.signature);
    ok = sig.checkSignature(xml);
  } catch (e) {
    throw new Invalid(e.message);
  }
  if (ok !== true) {
    const failed = (sig.references || []).find((r) => r.validationError);
    throw new Invalid(failed ? failed.validationError.message : "reference validation failed");
  }

  if (opts.mode === "wss") {
    // Make sure what was digested for the Body reference really is the soap:Body.
    const signed = sig.getSignedReferences();
    if (signed.length !== uris.length) {
      throw new Invalid(`expected ${uris.length} signed references, xml-crypto reported ${signed.length}`);
    }
    const refDoc = new DOMParser().parseFromString(signed[bodyRefIndex], "text/xml");
    const el = refDoc && refDoc.documentElement;
    if (
      !el ||
      el.namespaceURI !== NS.soap11 ||
      el.localName !== "Body" ||
      el.getAttributeNS(NS.wsu, "Id") !== bodyId
    ) {
      throw new Invalid(`reference #${bodyId} did not resolve to the soap:Body`);
    }
  }
}

function main() {
  const { opts, exit } = parseCommandLine(process.argv.slice(2), ["mode", "cert"], USAGE);
  if (!opts) {
    return exit;
  }
  try {
    verify(opts);
    process.stdout.write("valid\n");
    return 0;
  } catch (e) {
    if (e instanceof Invalid) {
      process.stdout.write(`invalid: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${e.message}\n`);
    return 2;
  }
}

process.exitCode = main();
