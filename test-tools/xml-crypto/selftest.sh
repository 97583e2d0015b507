#!/bin/sh
# Self-test of sign.js / verify.js (run with `npm test` after `npm ci`).
# Needs node and openssl; the xmlsec1 cross-checks run only if xmlsec1 is on PATH.
# Works in a throwaway directory under ${TMPDIR:-/tmp}; KEEP=1 keeps it.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/qaqpa-xml-crypto-selftest.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT
cd "$W" || exit 2

SOAP=http://schemas.xmlsoap.org/soap/envelope/
WSSE=http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd
WSU=http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd
SIGN="node $HERE/sign.js"
VERIFY="node $HERE/verify.js"
PASS=0
FAIL=0

# expect WANT_RC DESCRIPTION CMD... : runs CMD, compares its exit code with WANT_RC ("nz" = non-zero).
expect() {
  want=$1; desc=$2; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ "$want" = nz ] && [ "$rc" -ne 0 ] || [ "$rc" = "$want" ]; then
    PASS=$((PASS + 1)); echo "PASS [rc=$rc] $desc"
  else
    FAIL=$((FAIL + 1)); echo "FAIL [rc=$rc, want $want] $desc"; echo "$out" | sed 's/^/    /'
    return 0
  fi
  case "$1" in node) echo "$out" | grep -E '^(valid|invalid:|error:)' | sed 's/^/    /' | cut -c1-200 ;; esac
}

# --- keys and certificates -------------------------------------------------------------------
for n in signer other; do
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -subj "/CN=qaqpa-xml-crypto-$n" \
    -keyout "$n.key.pem" -out "$n.cert.pem" >/dev/null 2>&1 || { echo "openssl failed"; exit 2; }
done
CERT_B64=$(openssl x509 -in signer.cert.pem -outform DER | base64 | tr -d '\n')

# --- inputs ----------------------------------------------------------------------------------
cat > env-bare.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="$SOAP">
  <soap:Body>
    <m:GetQuote xmlns:m="urn:example:quotes"><m:Symbol>ACME</m:Symbol><!-- note --></m:GetQuote>
  </soap:Body>
</soap:Envelope>
EOF
cat > env-full.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="$SOAP" xmlns:wsu="$WSU">
  <soapenv:Header>
    <wsse:Security xmlns:wsse="$WSSE" soapenv:mustUnderstand="1">
      <wsu:Timestamp wsu:Id="TS-1"><wsu:Created>2024-01-01T00:00:00Z</wsu:Created></wsu:Timestamp>
    </wsse:Security>
  </soapenv:Header>
  <soapenv:Body wsu:Id="Body-42">
    <m:GetQuote xmlns:m="urn:example:quotes"><m:Symbol>ACME</m:Symbol></m:GetQuote>
  </soapenv:Body>
</soapenv:Envelope>
EOF
cat > doc.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<order xmlns="urn:example:orders" xmlns:x="urn:x" id="o-1">
  <item sku="A1" qty="2">Widget &amp; gadget</item>
  <!-- inner comment -->
  <x:note>Thanks</x:note>
</order>
EOF

# Node one-liner helper: edit FILE > OUT with a JS replace expression over the text `s`.
edit() { node -e "const fs=require('fs');let s=fs.readFileSync(process.argv[1],'utf8');s=$3;fs.writeFileSync(process.argv[2],s)" "$1" "$2"; }

echo "== sign with xml-crypto, verify with xml-crypto"
expect 0 "sign wss (no Header, no wsu:Id)"        sh -c "$SIGN --mode wss --key signer.key.pem --cert signer.cert.pem env-bare.xml > wss-bare.signed.xml"
expect 0 "sign wss (existing Security, wsu:Id)"   sh -c "$SIGN --mode wss --key signer.key.pem --cert signer.cert.pem env-full.xml > wss-full.signed.xml"
expect 0 "sign enveloped"                         sh -c "$SIGN --mode enveloped --key signer.key.pem --cert signer.cert.pem doc.xml > env.signed.xml"
expect 0 "verify wss (bare input)"                $VERIFY --mode wss --cert signer.cert.pem wss-bare.signed.xml
expect 0 "verify wss (full input)"                $VERIFY --mode wss --cert signer.cert.pem wss-full.signed.xml
expect 0 "verify enveloped"                       $VERIFY --mode enveloped --cert signer.cert.pem env.signed.xml

echo "== negative cases"
sed 's/ACME/ACMF/' wss-bare.signed.xml > t1.xml
expect 1 "wss: one character changed in Body"     $VERIFY --mode wss --cert signer.cert.pem t1.xml
sed 's/Thanks/Thankz/' env.signed.xml > t2.xml
expect 1 "enveloped: one character changed in document text" $VERIFY --mode enveloped --cert signer.cert.pem t2.xml
sed 's/qty="2"/qty="3"/' env.signed.xml > t3.xml
expect 1 "enveloped: attribute value changed"     $VERIFY --mode enveloped --cert signer.cert.pem t3.xml
expect 1 "wss: wrong certificate"                 $VERIFY --mode wss --cert other.cert.pem wss-full.signed.xml
expect 1 "enveloped: wrong certificate"           $VERIFY --mode enveloped --cert other.cert.pem env.signed.xml
sed 's/wsu:Id="Body-42"/wsu:Id="Body-43"/' wss-full.signed.xml > t4.xml
expect 1 "wss: Reference does not point to the Body" $VERIFY --mode wss --cert signer.cert.pem t4.xml
# Signature wrapping: the signed Body moved into a header, an evil Body with the same wsu:Id in its place.
edit wss-full.signed.xml t5.xml "s.replace(/(<soapenv:Body[^>]*>)([\\s\\S]*?)(<\\/soapenv:Body>)/, (m,a,b,c)=>a+b.replace('ACME','EVIL')+c).replace('</soapenv:Header>', '<w:Wrap xmlns:w=\"urn:w\">'+s.match(/<soapenv:Body[\\s\\S]*?<\\/soapenv:Body>/)[0].replace(/soapenv:Body/g,'w:Body')+'</w:Wrap></soapenv:Header>')"
expect 1 "wss: wrapping attack (duplicate wsu:Id)" $VERIFY --mode wss --cert signer.cert.pem t5.xml
expect 1 "wss: unsigned envelope"                 $VERIFY --mode wss --cert signer.cert.pem env-full.xml
expect 1 "enveloped: unsigned document"           $VERIFY --mode enveloped --cert signer.cert.pem doc.xml
expect 2 "usage: missing --cert"                  $VERIFY --mode wss wss-full.signed.xml
expect 2 "usage: bad --mode"                      $VERIFY --mode foo --cert signer.cert.pem wss-full.signed.xml
expect 2 "io: input file missing"                 $VERIFY --mode wss --cert signer.cert.pem nonexistent.xml
echo '<a><b></a>' > bad.xml
expect 2 "io: malformed XML"                      $VERIFY --mode enveloped --cert signer.cert.pem bad.xml
expect 2 "sign usage: missing --key"              $SIGN --mode wss --cert signer.cert.pem env-full.xml
expect 2 "sign: wss input already signed"         $SIGN --mode wss --key signer.key.pem --cert signer.cert.pem wss-full.signed.xml
expect 2 "sign: enveloped input already signed"   $SIGN --mode enveloped --key signer.key.pem --cert signer.cert.pem env.signed.xml
expect 2 "sign: wss input is not a SOAP 1.1 envelope" $SIGN --mode wss --key signer.key.pem --cert signer.cert.pem doc.xml

echo "== KeyInfo forms and encodings Qaqpa (Santuario) may produce (KeyInfo is not signed)"
STR="<wsse:SecurityTokenReference xmlns:wsse=\"$WSSE\"><wsse:KeyIdentifier EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\" ValueType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3\">$CERT_B64</wsse:KeyIdentifier></wsse:SecurityTokenReference>"
edit wss-full.signed.xml ki-both.xml "s.replace('<ds:KeyInfo>', '<ds:KeyInfo>$STR')"
expect 0 "wss: KeyInfo = STR/KeyIdentifier + X509Data" $VERIFY --mode wss --cert signer.cert.pem ki-both.xml
edit wss-full.signed.xml ki-str.xml "s.replace(/<ds:KeyInfo>[\\s\\S]*<\\/ds:KeyInfo>/, '<ds:KeyInfo>$STR</ds:KeyInfo>')"
expect 0 "wss: KeyInfo = STR/KeyIdentifier only"  $VERIFY --mode wss --cert signer.cert.pem ki-str.xml
edit wss-full.signed.xml lb.xml "s.replace(/(<ds:SignatureValue>)([^<]*)/, (m,a,v)=>a+v.match(/.{1,76}/g).join('&#13;\\n'))"
expect 0 "wss: SignatureValue with &#13;LF line breaks (Santuario style)" $VERIFY --mode wss --cert signer.cert.pem lb.xml
edit env.signed.xml cm.xml "s.replace('<!-- inner comment -->', '<!-- changed comment -->')"
expect 0 "enveloped: changed comment still verifies (URI=\"\" drops comments, per XMLDSig)" $VERIFY --mode enveloped --cert signer.cert.pem cm.xml

if command -v xmlsec1 >/dev/null 2>&1; then
  echo "== xmlsec1 cross-checks ($(xmlsec1 --version))"
  expect 0 "xmlsec1 verifies xml-crypto wss (bare input)" xmlsec1 --verify --pubkey-cert-pem signer.cert.pem --id-attr:Id "$SOAP:Body" wss-bare.signed.xml
  expect 0 "xmlsec1 verifies xml-crypto wss (full input)" xmlsec1 --verify --pubkey-cert-pem signer.cert.pem --id-attr:Id "$SOAP:Body" wss-full.signed.xml
  expect 0 "xmlsec1 verifies xml-crypto enveloped"        xmlsec1 --verify --pubkey-cert-pem signer.cert.pem env.signed.xml
  expect nz "xmlsec1 rejects tampered wss"                xmlsec1 --verify --pubkey-cert-pem signer.cert.pem --id-attr:Id "$SOAP:Body" t1.xml
  expect nz "xmlsec1 rejects tampered enveloped"          xmlsec1 --verify --pubkey-cert-pem signer.cert.pem t2.xml
  expect nz "xmlsec1 rejects wss with wrong cert"         xmlsec1 --verify --pubkey-cert-pem other.cert.pem --id-attr:Id "$SOAP:Body" wss-full.signed.xml

  echo "== xmlsec1 signs (shape of Qaqpa's output), xml-crypto verifies"
  cat > tmpl-wss.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="$SOAP"><soapenv:Header><wsse:Security xmlns:wsse="$WSSE" soapenv:mustUnderstand="1"><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#id-7"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo>$STR<ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature></wsse:Security></soapenv:Header><soapenv:Body xmlns:wsu="$WSU" wsu:Id="id-7"><m:GetQuote xmlns:m="urn:example:quotes"><m:Symbol>ACME</m:Symbol></m:GetQuote></soapenv:Body></soapenv:Envelope>
EOF
  cat > tmpl-env.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<order xmlns="urn:example:orders" id="o-2"><item sku="B2">Thing</item><!-- c --><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature></order>
EOF
  expect 0 "xmlsec1 signs wss template (KeyInfo STR+X509Data)" sh -c "xmlsec1 --sign --privkey-pem signer.key.pem,signer.cert.pem --id-attr:Id '$SOAP:Body' --output xs-wss.xml tmpl-wss.xml"
  expect 0 "xmlsec1 signs enveloped template"              sh -c "xmlsec1 --sign --privkey-pem signer.key.pem,signer.cert.pem --output xs-env.xml tmpl-env.xml"
  expect 0 "verify.js accepts xmlsec1 wss"                 $VERIFY --mode wss --cert signer.cert.pem xs-wss.xml
  expect 0 "verify.js accepts xmlsec1 enveloped"           $VERIFY --mode enveloped --cert signer.cert.pem xs-env.xml
  sed 's/ACME/ACMF/' xs-wss.xml > xs-t1.xml
  expect 1 "verify.js rejects tampered xmlsec1 wss"        $VERIFY --mode wss --cert signer.cert.pem xs-t1.xml
  sed 's/Thing/Thinc/' xs-env.xml > xs-t2.xml
  expect 1 "verify.js rejects tampered xmlsec1 enveloped"  $VERIFY --mode enveloped --cert signer.cert.pem xs-t2.xml
else
  echo "== xmlsec1 not installed: cross-checks skipped"
fi

echo "== $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
