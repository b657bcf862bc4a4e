"""A small USPTO daily-XML case file shared by the import tests (one mark, two classes, two owners)."""

USPTO_CASE = """<case-file><serial-number>75000001</serial-number><registration-number>2000001</registration-number>
<case-file-header><filing-date>20010102</filing-date><registration-date>20020304</registration-date>
<status-code>700</status-code><mark-identification>ACME ROCKET</mark-identification>
<mark-drawing-code>3000</mark-drawing-code><attorney-name>Jane Roe</attorney-name></case-file-header>
<case-file-statements><case-file-statement><type-code>GS0121</type-code><text>rockets</text></case-file-statement>
<case-file-statement><type-code>GS0251</type-code><text>shirts</text></case-file-statement></case-file-statements>
<classifications><classification><international-code>012</international-code></classification>
<classification><international-code>025</international-code></classification></classifications>
<case-file-owners><case-file-owner><party-type>10</party-type><nationality><country>FR</country></nationality>
<legal-entity-type-code>03</legal-entity-type-code><party-name>Acme SA</party-name></case-file-owner>
<case-file-owner><party-type>30</party-type><nationality><country>DE</country></nationality>
<legal-entity-type-code>03</legal-entity-type-code><party-name>Acme Corp.</party-name></case-file-owner></case-file-owners>
<design-searches><design-search><code>011501</code></design-search></design-searches>
<international-registration><international-registration-number>1234567</international-registration-number>
</international-registration></case-file>"""
USPTO_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<trademark-applications-daily><version><version-no>2.0</version-no></version>
<application-information><file-segments><action-keys><action-key>TX</action-key>
{cases}
</action-keys></file-segments></application-information></trademark-applications-daily>
"""
