<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AcceptanceModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddCustomerDialog</name>
    <message numerus="yes">
        <source>%Ln hit(s) in the registry. Choose one to see its card.</source>
        <translation>
            <numerusform>%Ln hit in the registry. Choose it to see its card.</numerusform>
            <numerusform>%Ln hits in the registry. Choose one to see its card.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message numerus="yes">
        <source>%n customer(s) marked notified.</source>
        <translation>
            <numerusform>%n customer marked notified.</numerusform>
            <numerusform>%n customers marked notified.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttentionCardButton</name>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message numerus="yes">
        <source>%1 of %n agreement(s) written to %2.</source>
        <translation>
            <numerusform>%1 of %n agreement written to %2.</numerusform>
            <numerusform>%1 of %n agreements written to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BillingPage</name>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n invoice</numerusform>
            <numerusform>%n invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s)</source>
        <translation>
            <numerusform>%n credit note</numerusform>
            <numerusform>%n credit notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerRefresh</name>
    <message numerus="yes">
        <source>Refreshed %1 of %n customer(s); %2 changed.</source>
        <translation>
            <numerusform>Refreshed %1 of %n customer; %2 changed.</numerusform>
            <numerusform>Refreshed %1 of %n customers; %2 changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message numerus="yes">
        <source>%Ln customer(s) match</source>
        <translation>
            <numerusform>%Ln customer matches</numerusform>
            <numerusform>%Ln customers match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message numerus="yes">
        <source>Agreement %1 for %2 (%n page(s)).</source>
        <translation>
            <numerusform>Agreement %1 for %2 (%n page).</numerusform>
            <numerusform>Agreement %1 for %2 (%n pages).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signature sheet(s)</source>
        <translation>
            <numerusform>%n signature sheet</numerusform>
            <numerusform>%n signature sheets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signature sheet(s) written to %1.</source>
        <translation>
            <numerusform>%n signature sheet written to %1.</numerusform>
            <numerusform>%n signature sheets written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceRunsPanel</name>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n invoice</numerusform>
            <numerusform>%n invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s)</source>
        <translation>
            <numerusform>%n credit note</numerusform>
            <numerusform>%n credit notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice number(s)</source>
        <translation>
            <numerusform>%n invoice number</numerusform>
            <numerusform>%n invoice numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintFlow</name>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message numerus="yes">
        <source>%n item(s) due</source>
        <translation>
            <numerusform>%n item due</numerusform>
            <numerusform>%n items due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old backup(s)</source>
        <translation>
            <numerusform>%n old backup</numerusform>
            <numerusform>%n old backups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) written.</source>
        <translation>
            <numerusform>%n notice written.</numerusform>
            <numerusform>%n notices written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message numerus="yes">
        <source>%n customer(s) will be put on the re-acceptance list; notify them by %1 (§14).</source>
        <translation>
            <numerusform>%n customer will be put on the re-acceptance list; notify them by %1 (§14).</numerusform>
            <numerusform>%n customers will be put on the re-acceptance list; notify them by %1 (§14).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message numerus="yes">
        <source> day(s)</source>
        <comment>suffix after a number of days</comment>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TermsPage</name>
    <message numerus="yes">
        <source>Published %1 (SHA-256 %2). %n customer(s) must be notified by %3.</source>
        <translation>
            <numerusform>Published %1 (SHA-256 %2). %n customer must be notified by %3.</numerusform>
            <numerusform>Published %1 (SHA-256 %2). %n customers must be notified by %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WhoisDialog</name>
    <message numerus="yes">
        <source>Registered: %n person(s) found.</source>
        <translation>
            <numerusform>Registered: %n person found.</numerusform>
            <numerusform>Registered: %n people found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YearlyAdjustmentDialog</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n price(s) adjusted.</source>
        <translation>
            <numerusform>Saved: %n price adjusted.</numerusform>
            <numerusform>Saved: %n prices adjusted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s)</source>
        <translation>
            <numerusform>%n letter</numerusform>
            <numerusform>%n letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) recorded as sent.</source>
        <translation>
            <numerusform>%n letter recorded as sent.</numerusform>
            <numerusform>%n letters recorded as sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_ProtectionPage</name>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
</context>
</TS>
