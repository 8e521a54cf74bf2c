<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AcceptanceModel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versjon</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akseptert</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metode</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signert av</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advarsel</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Skannet</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(slettet)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddCustomerDialog</name>
    <message>
        <source>Companies found in the registry</source>
        <translation>Virksomheter funnet i Enhetsregisteret</translation>
    </message>
    <message>
        <source>Type all 9 digits of the organisation number.</source>
        <translation>Skriv alle 9 sifrene i organisasjonsnummeret.</translation>
    </message>
    <message>
        <source>Type at least 2 letters of the name.</source>
        <translation>Skriv minst 2 bokstaver av navnet.</translation>
    </message>
    <message>
        <source>Searching the registry…</source>
        <translation>Søker i Enhetsregisteret…</translation>
    </message>
    <message>
        <source>The registry has no organisation with this name.</source>
        <translation>Enhetsregisteret har ingen virksomhet med dette navnet.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s) in the registry. Choose one to see its card.</source>
        <translation>
            <numerusform>%Ln treff i Enhetsregisteret. Velg det for å se kortet.</numerusform>
            <numerusform>%Ln treff i Enhetsregisteret. Velg ett for å se kortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is already a customer.</source>
        <translation>%1 er allerede kunde.</translation>
    </message>
    <message>
        <source>Asking the registry about %1…</source>
        <translation>Spør Enhetsregisteret om %1…</translation>
    </message>
    <message>
        <source>This is a sub-unit (a branch): register its main entity instead.</source>
        <translation>Dette er en underenhet (en avdeling): registrer hovedenheten i stedet.</translation>
    </message>
    <message>
        <source>Check the card, then save.</source>
        <translation>Kontroller kortet, og lagre.</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>Legg til kunde</translation>
    </message>
    <message>
        <source>&amp;Org number or name:</source>
        <translation>&amp;Org.nr. eller navn:</translation>
    </message>
    <message>
        <source>e.g. 971 049 669 or Heimen</source>
        <translation>f.eks. 971 049 669 eller Heimen</translation>
    </message>
    <message>
        <source>&amp;More results</source>
        <translation>Flere &amp;treff</translation>
    </message>
    <message>
        <source>Register by &amp;hand…</source>
        <translation>Registrer &amp;manuelt…</translation>
    </message>
    <message>
        <source>&amp;Back to the registry</source>
        <translation>Tilbake til &amp;Enhetsregisteret</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
</context>
<context>
    <name>AgreementCli</name>
    <message>
        <source>%1 is a folder: give a file name for the PDF.</source>
        <translation>%1 er en mappe: oppgi et filnavn for PDF-en.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Mappen %1 finnes ikke.</translation>
    </message>
</context>
<context>
    <name>AgreementModel</name>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Vilkår</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signert</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>Sendt til %1</translation>
    </message>
</context>
<context>
    <name>AgreementService</name>
    <message>
        <source>the customer</source>
        <translation>kunden</translation>
    </message>
    <message>
        <source>No registry data on who may sign for %1: check the signing authority by hand (fetch the customer from the registry).</source>
        <translation>Ingen registerdata om hvem som kan signere for %1: kontroller signaturretten manuelt (hent kunden fra Enhetsregisteret).</translation>
    </message>
    <message>
        <source>%1 may sign for %2 only together with others by the registry data</source>
        <translation>%1 kan ifølge registerdataene bare signere for %2 sammen med andre</translation>
    </message>
    <message>
        <source> (with %1)</source>
        <translation> (med %1)</translation>
    </message>
    <message>
        <source>; signing rule: %1</source>
        <translation>; signaturregel: %1</translation>
    </message>
    <message>
        <source>%1 is not a signatory of %2 by the registry data</source>
        <translation>%1 er ikke signaturberettiget for %2 ifølge registerdataene</translation>
    </message>
    <message>
        <source>%1 is the supplier itself (the same organisation number): no agreement is made between the supplier and itself.</source>
        <translation>%1 er leverandøren selv (samme organisasjonsnummer): det lages ingen avtale mellom leverandøren og seg selv.</translation>
    </message>
    <message>
        <source>%1 is deleted in the registry: no new agreement can be issued.</source>
        <translation>%1 er slettet i Enhetsregisteret: det kan ikke lages ny avtale.</translation>
    </message>
    <message>
        <source>Sent to</source>
        <translation>Sendt til</translation>
    </message>
    <message>
        <source>Unknown agreement state %1.</source>
        <translation>Ukjent avtalestatus %1.</translation>
    </message>
    <message>
        <source>An agreement is signed by recording the customer&apos;s acceptance.</source>
        <translation>En avtale blir signert ved at kundens aksept registreres.</translation>
    </message>
    <message>
        <source>Only a draft agreement can be deleted; %1 is %2.</source>
        <translation>Bare et avtaleutkast kan slettes; %1 er %2.</translation>
    </message>
    <message>
        <source>Method must be paper, online or email, not %1.</source>
        <translation>Metoden må være papir (paper), nett (online) eller e-post (email), ikke %1.</translation>
    </message>
    <message>
        <source>The acceptance date %1 is in the future.</source>
        <translation>Akseptdatoen %1 ligger frem i tid.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Merknad</translation>
    </message>
    <message>
        <source>Person %1 has been erased and cannot be recorded as a signer.</source>
        <translation>Person %1 er slettet og kan ikke registreres som den som signerte.</translation>
    </message>
    <message>
        <source>%1 has registry status %2.</source>
        <translation>%1 har status %2 i Enhetsregisteret.</translation>
    </message>
    <message>
        <source>A paper signature without its scan: attach the signed scan when it arrives.</source>
        <translation>Signert på papir uten skannet avtale: legg ved den skannede, signerte avtalen når den kommer.</translation>
    </message>
    <message>
        <source>Choose the scan file to attach.</source>
        <translation>Velg den skannede filen som skal legges ved.</translation>
    </message>
    <message>
        <source>This acceptance has its scan already; a stored scan never changes.</source>
        <translation>Denne aksepten har allerede en skannet avtale; en lagret skanning endres aldri.</translation>
    </message>
    <message>
        <source>Acceptance %1 has no scan.</source>
        <translation>Aksept %1 har ingen skannet avtale.</translation>
    </message>
    <message>
        <source>The stored scan of acceptance %1 does not match its recorded hash.</source>
        <translation>Den lagrede skanningen for aksept %1 stemmer ikke med den registrerte kontrollsummen.</translation>
    </message>
    <message>
        <source>The notice date %1 is in the future.</source>
        <translation>Varslingsdatoen %1 ligger frem i tid.</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hvordan</translation>
    </message>
    <message>
        <source>%1 is not on the re-acceptance list of %2.</source>
        <translation>%1 står ikke på listen over ny aksept for %2.</translation>
    </message>
    <message>
        <source>Choose the customers whose termination you confirm.</source>
        <translation>Velg kundene du bekrefter oppsigelsen for.</translation>
    </message>
    <message>
        <source>No re-acceptance row %1.</source>
        <translation>Finner ingen rad %1 på listen over ny aksept.</translation>
    </message>
    <message>
        <source>The termination of %1 was confirmed already.</source>
        <translation>Oppsigelsen av %1 er allerede bekreftet.</translation>
    </message>
    <message>
        <source>%1 is not overdue (status: %2); nothing was terminated.</source>
        <translation>Fristen for %1 er ikke ute (status: %2); ingenting ble sagt opp.</translation>
    </message>
    <message>
        <source>No person with id %1.</source>
        <translation>Finner ingen person med id %1.</translation>
    </message>
    <message>
        <source>No terms version %1.</source>
        <translation>Finner ingen vilkårsversjon %1.</translation>
    </message>
    <message>
        <source>Terms version %1 is a draft: publish it first.</source>
        <translation>Vilkårsversjon %1 er et utkast: publiser den først.</translation>
    </message>
    <message>
        <source>No published terms version is in effect on %1.</source>
        <translation>Ingen publisert vilkårsversjon gjelder per %1.</translation>
    </message>
    <message>
        <source>No agreement %1.</source>
        <extracomment>Parts of a snapshot set when issuing (not part of the content compared for a new version).</extracomment>
        <translation>Finner ingen avtale %1.</translation>
    </message>
    <message>
        <source>No acceptance %1.</source>
        <translation>Finner ingen aksept %1.</translation>
    </message>
    <message>
        <source>Agreement %1 is not for this customer and terms version.</source>
        <translation>Avtale %1 gjelder ikke denne kunden og vilkårsversjonen.</translation>
    </message>
    <message>
        <source>Agreement %1 is %2 already.</source>
        <translation>Avtale %1 er allerede %2.</translation>
    </message>
    <message>
        <source>Agreement %1: %2</source>
        <translation>Avtale %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 50 MB.</source>
        <translation>%1 er større enn 50 MB.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kan ikke lese %1: %2</translation>
    </message>
    <message>
        <source>The scan file is empty.</source>
        <translation>Den skannede filen er tom.</translation>
    </message>
    <message>
        <source>The scan is larger than 50 MB.</source>
        <translation>Den skannede filen er større enn 50 MB.</translation>
    </message>
    <message>
        <source>The scan must be a PDF or an image (PNG, JPEG, TIFF, GIF, WebP).</source>
        <translation>Den skannede filen må være en PDF eller et bilde (PNG, JPEG, TIFF, GIF, WebP).</translation>
    </message>
    <message>
        <source>Notified %1, not accepted by %2: under §14 the agreement is considered terminated from %3 once the owner confirms.</source>
        <translation>Varslet %1, ikke akseptert innen %2: etter §14 regnes avtalen som oppsagt fra %3 når du bekrefter det.</translation>
    </message>
</context>
<context>
    <name>AgreementTexts</name>
    <message>
        <source>Paper signature</source>
        <translation>Papirsignatur</translation>
    </message>
    <message>
        <source>Online acceptance</source>
        <translation>Aksept på nett</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Avsluttet</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <source>Agreements</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <source>Acceptance ledger</source>
        <translation>Akseptregister</translation>
    </message>
    <message>
        <source>Customers to re-accept the terms</source>
        <translation>Kunder som må akseptere vilkårene på nytt</translation>
    </message>
    <message>
        <source>Acceptance &amp;ledger</source>
        <translation>&amp;Akseptlogg</translation>
    </message>
    <message>
        <source>Re-&amp;acceptance (§14)</source>
        <translation>N&amp;y aksept (§14)</translation>
    </message>
    <message>
        <source>A&amp;greements</source>
        <translation>Av&amp;taler</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Versjon:</translation>
    </message>
    <message>
        <source>&amp;Record acceptance…</source>
        <translation>&amp;Registrer aksept…</translation>
    </message>
    <message>
        <source>&amp;View scan…</source>
        <translation>V&amp;is skannet avtale…</translation>
    </message>
    <message>
        <source>A&amp;ttach scan…</source>
        <translation>&amp;Legg ved skannet avtale…</translation>
    </message>
    <message>
        <source>Chec&amp;k document…</source>
        <translation>&amp;Kontroller dokument…</translation>
    </message>
    <message>
        <source>&amp;Import signed pages…</source>
        <translation>&amp;Importer signerte sider…</translation>
    </message>
    <message>
        <source>Mark &amp;notified…</source>
        <translation>&amp;Merk som varslet…</translation>
    </message>
    <message>
        <source>&amp;Confirm termination…</source>
        <translation>&amp;Bekreft oppsigelse…</translation>
    </message>
    <message>
        <source>N&amp;ew agreement…</source>
        <translation>&amp;Ny avtale…</translation>
    </message>
    <message>
        <source>&amp;Mark sent…</source>
        <translation>Merk som s&amp;endt…</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Alle kunder</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>Alle versjoner</translation>
    </message>
    <message>
        <source>%1 to notify, %2 notified, %3 accepted, %4 overdue, %5 terminated.</source>
        <translation>%1 skal varsles, %2 varslet, %3 akseptert, %4 over fristen, %5 oppsagt.</translation>
    </message>
    <message>
        <source>Overdue customers are proposed as terminated; nothing ends until you confirm.</source>
        <translation>Kunder over fristen foreslås som oppsagt; ingenting avsluttes før du bekrefter.</translation>
    </message>
    <message>
        <source>Recorded: %1 accepted %2; agreement %3 is %4.</source>
        <translation>Registrert: %1 aksepterte %2; avtale %3 er %4.</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>Skannet, signert avtale</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp);;All files (*)</source>
        <translation>PDF eller bilde (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Scan %1 attached.</source>
        <translation>Skannet avtale %1 lagt ved.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) marked notified.</source>
        <translation>
            <numerusform>%n kunde merket som varslet.</numerusform>
            <numerusform>%n kunder merket som varslet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminated: %1.</source>
        <translation>Oppsagt: %1.</translation>
    </message>
    <message>
        <source>Agreement %1 created as a draft.</source>
        <translation>Avtale %1 opprettet som utkast.</translation>
    </message>
    <message>
        <source>Agreement %1 marked sent.</source>
        <translation>Avtale %1 merket som sendt.</translation>
    </message>
    <message>
        <source>Mark sent</source>
        <translation>Merk som sendt</translation>
    </message>
    <message>
        <source>&amp;Sent to (e-mail address, or &apos;post&apos;):</source>
        <translation>&amp;Sendt til (e-postadresse, eller &apos;post&apos;):</translation>
    </message>
</context>
<context>
    <name>AttentionCardButton</name>
    <message>
        <source>Show the list behind this card</source>
        <translation>Vis listen bak dette kortet</translation>
    </message>
    <message>
        <source>NOK %1 incl. VAT</source>
        <translation>kr %1 inkl. mva.</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n forfalt</numerusform>
            <numerusform>%n forfalt</numerusform>
        </translation>
    </message>
    <message>
        <source>oldest from %1</source>
        <translation>eldste fra %1</translation>
    </message>
    <message>
        <source>oldest sent %1</source>
        <translation>eldste sendt %1</translation>
    </message>
    <message>
        <source>first ends %1</source>
        <translation>første slutter %1</translation>
    </message>
    <message>
        <source>first service from %1</source>
        <translation>første tjeneste fra %1</translation>
    </message>
    <message>
        <source>due since %1</source>
        <translation>forfalt siden %1</translation>
    </message>
    <message>
        <source>next deadline %1</source>
        <translation>neste frist %1</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>Ingenting å gjøre</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>Agreement</source>
        <translation>Avtale</translation>
    </message>
    <message>
        <source>Terms version</source>
        <translation>Vilkårsversjon</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Tjeneste</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Henvendelse</translation>
    </message>
    <message>
        <source>Signers gone</source>
        <translation>Gått ut</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Tjenester</translation>
    </message>
    <message>
        <source>Breach no.</source>
        <translation>Brudd nr.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hva</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Amount incl. VAT</source>
        <translation>Beløp inkl. mva.</translation>
    </message>
    <message>
        <source>(erased person)</source>
        <translation>(slettet person)</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>The backup %1 is damaged; nothing was restored.</source>
        <translation>Sikkerhetskopien %1 er skadet; ingenting ble gjenopprettet.</translation>
    </message>
    <message>
        <source>The restored store failed its check; the previous store is kept at %1.</source>
        <translation>Det gjenopprettede lageret besto ikke kontrollen; det forrige lageret er tatt vare på i %1.</translation>
    </message>
    <message>
        <source>Only an owner makes backups of the team&apos;s server.</source>
        <translation>Bare en eier tar sikkerhetskopi av teamets server.</translation>
    </message>
    <message>
        <source>Use a passphrase of at least 8 characters.</source>
        <translation>Bruk et passord på minst 8 tegn.</translation>
    </message>
    <message>
        <source>No system keyring is available here.</source>
        <translation>Ingen systemnøkkelring er tilgjengelig her.</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Make agreements</source>
        <translation>Lag avtaler</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Mappe:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom…</translation>
    </message>
    <message>
        <source>&amp;Terms version:</source>
        <translation>&amp;Vilkårsversjon:</translation>
    </message>
    <message>
        <source>The version in effect today</source>
        <translation>Versjonen som gjelder i dag</translation>
    </message>
    <message>
        <source>&amp;All active customers (%1)</source>
        <translation>&amp;Alle aktive kunder (%1)</translation>
    </message>
    <message>
        <source>&amp;Chosen customers:</source>
        <translation>&amp;Utvalgte kunder:</translation>
    </message>
    <message>
        <source>&amp;Make agreements</source>
        <translation>&amp;Lag avtaler</translation>
    </message>
    <message>
        <source>Folder for the agreements</source>
        <translation>Mappe for avtalene</translation>
    </message>
    <message>
        <source>Choose the folder for the files.</source>
        <translation>Velg mappen for filene.</translation>
    </message>
    <message>
        <source>Tick the customers to make agreements for.</source>
        <translation>Kryss av for kundene det skal lages avtaler for.</translation>
    </message>
    <message>
        <source>Reading the customers…</source>
        <translation>Leser kundene…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Stopping after the agreements being made…</source>
        <translation>Stopper etter avtalene som lages nå…</translation>
    </message>
    <message>
        <source>Reading the customers: %1 of %2</source>
        <translation>Leser kundene: %1 av %2</translation>
    </message>
    <message>
        <source>Agreements made: %1 of %2</source>
        <translation>Avtaler laget: %1 av %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n agreement(s) written to %2.</source>
        <translation>
            <numerusform>%1 av %n avtale lagret i %2.</numerusform>
            <numerusform>%1 av %n avtaler lagret i %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the files written so far are complete.</source>
        <translation>Avbrutt: filene som er lagret så langt, er fullstendige.</translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>Utelatt %1: %2</translation>
    </message>
    <message>
        <source>Failed %1: %2</source>
        <translation>Mislyktes %1: %2</translation>
    </message>
    <message>
        <source>No agreements were made: %1</source>
        <translation>Ingen avtaler ble laget: %1</translation>
    </message>
</context>
<context>
    <name>BillingPage</name>
    <message>
        <source>Services &amp; invoicing</source>
        <translation>Tjenester og fakturering</translation>
    </message>
    <message>
        <source>Invoice plan</source>
        <translation>Fakturaplan</translation>
    </message>
    <message>
        <source>Totals per month</source>
        <translation>Sum per måned</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Kunde</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Alle kunder</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>Fr&amp;a</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <source>Calculate the plan again (F5)</source>
        <translation>Beregn planen på nytt (F5)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Eksporter &amp;CSV…</translation>
    </message>
    <message>
        <source>Write the plan as CSV for the accounting system</source>
        <translation>Lagre planen som CSV for regnskapssystemet</translation>
    </message>
    <message>
        <source>&amp;Yearly price adjustment…</source>
        <translation>&amp;Årlig prisjustering…</translation>
    </message>
    <message>
        <source>Decimal co&amp;mma</source>
        <translation>&amp;Desimalkomma</translation>
    </message>
    <message>
        <source>Write 3049,72 instead of 3049.72 (for spreadsheets in Norwegian)</source>
        <translation>Skriv 3049,72 i stedet for 3049.72 (for norske regneark)</translation>
    </message>
    <message>
        <source>Invoice &amp;plan</source>
        <translation>Faktura&amp;plan</translation>
    </message>
    <message>
        <source>Totals per &amp;month</source>
        <translation>Sum per &amp;måned</translation>
    </message>
    <message>
        <source>Coming &amp;12 months</source>
        <translation>Neste &amp;12 måneder</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>Tje&amp;nester</translation>
    </message>
    <message>
        <source>Choose a customer above to see and change its services.</source>
        <translation>Velg en kunde ovenfor for å se og endre tjenestene.</translation>
    </message>
    <message>
        <source>terms not accepted</source>
        <translation>vilkårene ikke akseptert</translation>
    </message>
    <message>
        <source>No customer with organisation number %1.</source>
        <translation>Finner ingen kunde med organisasjonsnummer %1.</translation>
    </message>
    <message>
        <source>The first day (%1) is after the last day (%2).</source>
        <translation>Første dag (%1) er etter siste dag (%2).</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Beregner…</translation>
    </message>
    <message>
        <source>The plan could not be calculated: %1</source>
        <translation>Planen kunne ikke beregnes: %1</translation>
    </message>
    <message>
        <source>No invoices planned in this period.</source>
        <translation>Ingen fakturaer planlagt i denne perioden.</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n faktura</numerusform>
            <numerusform>%n fakturaer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s)</source>
        <translation>
            <numerusform>%n kreditnota</numerusform>
            <numerusform>%n kreditnotaer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2: NOK %3 excl. VAT, NOK %4 incl. VAT.</source>
        <comment>invoices, credit notes: amounts</comment>
        <translation>%1, %2: kr %3 eks. mva., kr %4 inkl. mva.</translation>
    </message>
    <message>
        <source>Exported %1 (%2) to %3.</source>
        <comment>invoices, lines, file</comment>
        <translation>Eksporterte %1 (%2) til %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n linje</numerusform>
            <numerusform>%n linjer</numerusform>
        </translation>
    </message>
    <message>
        <source>Export invoice plan</source>
        <translation>Eksporter fakturaplan</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Eksporten mislyktes: %1</translation>
    </message>
    <message>
        <source>Invoice r&amp;uns</source>
        <translation>Faktura&amp;kjøring</translation>
    </message>
    <message>
        <source>Invoice runs: %1 planned, %2 frozen, %3 exported.</source>
        <translation>Fakturakjøring: %1 planlagt, %2 frosset, %3 eksportert.</translation>
    </message>
</context>
<context>
    <name>BillingService</name>
    <message>
        <source>Give a delivery method or an invoice period to change.</source>
        <translation>Oppgi en leveringsmåte eller en fakturaperiode som skal endres.</translation>
    </message>
    <message>
        <source>A service cannot change its kind; add a new service instead.</source>
        <translation>En tjeneste kan ikke bytte type; legg til en ny tjeneste i stedet.</translation>
    </message>
    <message>
        <source>Service %1 already has a price change effective %2.</source>
        <translation>Tjeneste %1 har allerede en prisendring fra %2.</translation>
    </message>
    <message>
        <source>The one-off cost was invoiced on %1, before %2; an invoiced amount is not changed (add a new one-off cost or a credit instead).</source>
        <translation>Engangskostnaden ble fakturert %1, før %2; et fakturert beløp endres ikke (legg til en ny engangskostnad eller en kreditering i stedet).</translation>
    </message>
    <message>
        <source>%1 has not accepted the terms of agreement: the order is recorded, but get the agreement accepted (§4.1, §2.2).</source>
        <translation>%1 har ikke akseptert avtalevilkårene: bestillingen er registrert, men få avtalen akseptert (§4.1, §2.2).</translation>
    </message>
    <message>
        <source>Service %1 is already terminated (received %2); a second termination is refused. Withdraw the first one to correct it.</source>
        <translation>Tjeneste %1 er allerede sagt opp (mottatt %2); en ny oppsigelse avvises. Trekk tilbake den første for å rette den.</translation>
    </message>
    <message>
        <source>This service is not terminated.</source>
        <translation>Denne tjenesten er ikke sagt opp.</translation>
    </message>
    <message>
        <source>Month: expected a month as YYYY-MM.</source>
        <translation>Måned: oppgi måneden som ÅÅÅÅ-MM.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Antall</translation>
    </message>
    <message>
        <source>Service %1 is not a usage service; usage is recorded only for usage (e.g. SMS).</source>
        <translation>Tjeneste %1 er ikke en forbrukstjeneste; forbruk registreres bare for forbrukstjenester (f.eks. SMS).</translation>
    </message>
    <message>
        <source>The customer relationship with %1 ended on %2 (§14); no new services can be added until the terms are accepted again.</source>
        <translation>Kundeforholdet med %1 opphørte %2 (§14); ingen nye tjenester kan legges til før vilkårene er akseptert på nytt.</translation>
    </message>
    <message>
        <source>Service %1 ended on %2; usage for %3 cannot be recorded after its end.</source>
        <translation>Tjeneste %1 opphørte %2; forbruk for %3 kan ikke registreres etter opphøret.</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Ny pris</translation>
    </message>
    <message>
        <source>Give the effective and announcement dates.</source>
        <translation>Oppgi når endringen gjelder fra, og når den ble varslet.</translation>
    </message>
    <message>
        <source>A one-off cost has no price to adjust; edit its amount.</source>
        <translation>En engangskostnad har ingen pris å justere; endre beløpet.</translation>
    </message>
    <message>
        <source>Service %1 already has a price adjustment effective %2.</source>
        <translation>Tjeneste %1 har allerede en prisjustering fra %2.</translation>
    </message>
    <message>
        <source>No price adjustment with id %1.</source>
        <translation>Finner ingen prisjustering med id %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Kunne ikke skrive %1: %2</translation>
    </message>
    <message>
        <source>No service with id %1.</source>
        <translation>Finner ingen tjeneste med id %1.</translation>
    </message>
    <message>
        <source>Kind: %1 is not licence, one-off or usage.</source>
        <translation>Type: %1 er ikke lisens, engangskostnad eller forbruk (licence, one-off, usage).</translation>
    </message>
    <message>
        <source>Invoice period: %1 is not yearly, half-yearly, quarterly, bimonthly or monthly.</source>
        <translation>Fakturaperiode: %1 er ikke årlig, halvårlig, kvartalsvis, annenhver måned eller månedlig (yearly, half-yearly, quarterly, bimonthly, monthly).</translation>
    </message>
    <message>
        <source>Delivery method: %1 is not paper, email or ehf.</source>
        <translation>Leveringsmåte: %1 er ikke papir, e-post eller EHF (paper, email, ehf).</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 må fylles ut.</translation>
    </message>
    <message>
        <source>%1: give the amount as text or Decimal.</source>
        <translation>%1: oppgi beløpet som tekst eller Decimal.</translation>
    </message>
    <message>
        <source>%1: %2 is not an amount.</source>
        <translation>%1: %2 er ikke et beløp.</translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation>%1 kan ikke være under null.</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1: verdien er for stor.</translation>
    </message>
    <message>
        <source>%1: at most %2 decimals.</source>
        <translation>%1: høyst %2 desimaler.</translation>
    </message>
    <message>
        <source>%1: expected a date (YYYY-MM-DD).</source>
        <translation>%1: oppgi en dato (ÅÅÅÅ-MM-DD).</translation>
    </message>
    <message>
        <source>%1: %2 is not a possible date here (%3 to %4).</source>
        <translation>%1: %2 er ikke en mulig dato her (%3 til %4).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Give an annual or a monthly price, not both.</source>
        <translation>Oppgi enten årspris eller månedspris, ikke begge.</translation>
    </message>
    <message>
        <source>Monthly price</source>
        <translation>Månedspris</translation>
    </message>
    <message>
        <source>Annual price</source>
        <translation>Årspris</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdato</translation>
    </message>
    <message>
        <source>Trial days: a whole number from 0 to %1.</source>
        <translation>Prøvetid i dager: et helt tall fra 0 til %1.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløp</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Enhetspris</translation>
    </message>
    <message>
        <source>%1 does not apply to a %2 service.</source>
        <translation>%1 gjelder ikke for en tjeneste av typen %2.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottatt</translation>
    </message>
    <message>
        <source>Requested end: expected a date (YYYY-MM-DD).</source>
        <translation>Ønsket sluttdato: oppgi en dato (ÅÅÅÅ-MM-DD).</translation>
    </message>
    <message>
        <source>The requested end %1 is before the termination was received (%2).</source>
        <translation>Ønsket sluttdato %1 er før oppsigelsen ble mottatt (%2).</translation>
    </message>
    <message>
        <source>The termination is received %1, before the service starts (%2).</source>
        <translation>Oppsigelsen er mottatt %1, før tjenesten starter (%2).</translation>
    </message>
    <message>
        <source>Give the plan&apos;s first and last day as dates.</source>
        <translation>Oppgi planens første og siste dag som datoer.</translation>
    </message>
    <message>
        <source>The plan&apos;s first day %1 is after its last day %2.</source>
        <translation>Planens første dag %1 er etter siste dag %2.</translation>
    </message>
    <message>
        <source>A plan may span at most 20 years.</source>
        <translation>En plan kan dekke høyst 20 år.</translation>
    </message>
    <message>
        <source>Year: a year such as 2025.</source>
        <translation>År: et årstall som 2025.</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indeks</translation>
    </message>
    <message>
        <source>Index: must be above 0.</source>
        <translation>Indeks: må være over 0.</translation>
    </message>
    <message>
        <source>No folder %1.</source>
        <translation>Finner ingen mappe %1.</translation>
    </message>
    <message>
        <source>Method: letter or email.</source>
        <translation>Måte: brev eller e-post.</translation>
    </message>
    <message>
        <source>Give the effective date.</source>
        <translation>Oppgi datoen endringen gjelder fra.</translation>
    </message>
    <message>
        <source>Change in percent</source>
        <translation>Endring i prosent</translation>
    </message>
</context>
<context>
    <name>BreachDialog</name>
    <message>
        <source>Record a breach</source>
        <translation>Registrer et avvik</translation>
    </message>
    <message>
        <source>e.g. CRM, e-mail; separated by commas</source>
        <translation>f.eks. CRM, e-post; skilt med komma</translation>
    </message>
    <message>
        <source>organisation numbers, separated by spaces</source>
        <translation>organisasjonsnumre, skilt med mellomrom</translation>
    </message>
    <message>
        <source>&amp;Discovered:</source>
        <translation>&amp;Oppdaget:</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;Hva skjedde:</translation>
    </message>
    <message>
        <source>S&amp;ystems:</source>
        <translation>S&amp;ystemer:</translation>
    </message>
    <message>
        <source>Sub-&amp;processors involved:</source>
        <translation>&amp;Underleverandører involvert:</translation>
    </message>
    <message>
        <source>Other &amp;customers:</source>
        <translation>Andre &amp;kunder:</translation>
    </message>
    <message>
        <source>Customers whose data went through a chosen sub-processor are added. Datatilsynet must be notified within 72 hours of discovery.</source>
        <translation>Kunder hvis data gikk gjennom en valgt underleverandør, legges til. Datatilsynet skal varsles innen 72 timer etter at avviket ble oppdaget.</translation>
    </message>
</context>
<context>
    <name>Breaches</name>
    <message>
        <source>overdue by %1 h %2 min</source>
        <translation>forfalt for %1 t %2 min siden</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>%1 t %2 min igjen</translation>
    </message>
    <message>
        <source>Not a date and time: %1 (use e.g. 2027-03-01T14:30).</source>
        <translation>Ikke et tidspunkt: %1 (skriv f.eks. 2027-03-01T14:30).</translation>
    </message>
    <message>
        <source>Describe what happened.</source>
        <translation>Beskriv hva som skjedde.</translation>
    </message>
    <message>
        <source>The time of discovery lies in the future.</source>
        <translation>Tidspunktet for oppdagelsen ligger i fremtiden.</translation>
    </message>
    <message>
        <source>Not in the sub-processor register: %1.</source>
        <translation>Ikke i registeret over underleverandører: %1.</translation>
    </message>
    <message>
        <source>Set up the mail server (SMTP) first, or save .eml files.</source>
        <translation>Sett opp e-posttjeneren (SMTP) først, eller lagre .eml-filer.</translation>
    </message>
    <message>
        <source>Enter the supplier&apos;s e-mail address in Settings first.</source>
        <translation>Fyll først inn leverandørens e-postadresse under Innstillinger.</translation>
    </message>
    <message>
        <source>no main contact with an e-mail address</source>
        <translation>ingen hovedkontakt med e-postadresse</translation>
    </message>
    <message>
        <source>No breach with number %1.</source>
        <translation>Det finnes ikke noe avvik med nummer %1.</translation>
    </message>
</context>
<context>
    <name>BreachesModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Discovered</source>
        <translation>Oppdaget</translation>
    </message>
    <message>
        <source>Datatilsynet deadline</source>
        <translation>Frist til Datatilsynet</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tid igjen</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Hva skjedde</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>meldt</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>GDPR Art. 28(3) requires</source>
        <translation>GDPR art. 28 nr. 3 krever</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Clauses</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Mangler</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Dekket</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Delvis</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Mangel</translation>
    </message>
</context>
<context>
    <name>ConfirmSignersDialog</name>
    <message>
        <source>Confirm who may sign</source>
        <translation>Bekreft hvem som kan signere</translation>
    </message>
    <message>
        <source>The registry&apos;s rule: %1</source>
        <translation>Registerets regel: %1</translation>
    </message>
    <message>
        <source>Who signs (one group per line, names joined by +):</source>
        <translation>Hvem signerer (én gruppe per linje, navn skilt med +):</translation>
    </message>
    <message>
        <source>Confirmed by:</source>
        <translation>Bekreftet av:</translation>
    </message>
</context>
<context>
    <name>ConfirmTerminationDialog</name>
    <message>
        <source>Confirm termination</source>
        <translation>Bekreft oppsigelse</translation>
    </message>
    <message>
        <source>Under §14 an agreement not re-accepted within one month of the notice is considered terminated. These customers were notified and did not accept in time:</source>
        <translation>Etter §14 regnes en avtale som oppsagt når den ikke er akseptert på nytt innen én måned etter varselet. Disse kundene ble varslet og aksepterte ikke i tide:</translation>
    </message>
    <message>
        <source>%1 (%2): notified %3, deadline %4 — terminated from %5</source>
        <translation>%1 (%2): varslet %3, frist %4 — oppsagt fra %5</translation>
    </message>
    <message>
        <source>I &amp;confirm that these agreements are terminated</source>
        <translation>Jeg &amp;bekrefter at disse avtalene er oppsagt</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Si opp</translation>
    </message>
    <message>
        <source>Tick the confirmation first.</source>
        <translation>Kryss av for bekreftelsen først.</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>customer</source>
        <translation>kunden</translation>
    </message>
    <message>
        <source>person</source>
        <translation>personen</translation>
    </message>
    <message>
        <source>service</source>
        <translation>tjenesten</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>avtalen</translation>
    </message>
    <message>
        <source>supplier profile</source>
        <translation>leverandørprofilen</translation>
    </message>
    <message>
        <source>terms draft</source>
        <translation>vilkårsutkastet</translation>
    </message>
    <message>
        <source>sub-processor</source>
        <translation>underleverandøren</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>fornavn</translation>
    </message>
    <message>
        <source>middle name</source>
        <translation>mellomnavn</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>etternavn</translation>
    </message>
    <message>
        <source>title</source>
        <translation>tittel</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>mobil</translation>
    </message>
    <message>
        <source>e-mail addresses</source>
        <translation>e-postadresser</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-post</translation>
    </message>
    <message>
        <source>name</source>
        <translation>navn</translation>
    </message>
    <message>
        <source>delivery method</source>
        <translation>leveringsmåte</translation>
    </message>
    <message>
        <source>invoice period</source>
        <translation>fakturaperiode</translation>
    </message>
    <message>
        <source>annual price</source>
        <translation>årspris</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>beløp</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>enhetspris</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>startdato</translation>
    </message>
    <message>
        <source>trial days</source>
        <translation>prøvedager</translation>
    </message>
    <message>
        <source>date</source>
        <translation>dato</translation>
    </message>
    <message>
        <source>state</source>
        <translation>status</translation>
    </message>
    <message>
        <source>sent to</source>
        <translation>sendt til</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>postcode</source>
        <translation>postnummer</translation>
    </message>
    <message>
        <source>city</source>
        <translation>poststed</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>signatar</translation>
    </message>
    <message>
        <source>signer&apos;s title</source>
        <translation>signatarens tittel</translation>
    </message>
    <message>
        <source>who signs</source>
        <translation>hvem som signerer</translation>
    </message>
    <message>
        <source>purpose</source>
        <translation>formål</translation>
    </message>
    <message>
        <source>data shared</source>
        <translation>data som deles</translation>
    </message>
    <message>
        <source>location</source>
        <translation>sted</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>type</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>punkt</translation>
    </message>
    <message>
        <source>organisation number</source>
        <translation>organisasjonsnummer</translation>
    </message>
    <message>
        <source>label</source>
        <translation>etikett</translation>
    </message>
    <message>
        <source>effective date</source>
        <translation>ikrafttredelsesdato</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <source>%1: theirs “%2”, yours “%3”</source>
        <translation>%1: deres «%2», din «%3»</translation>
    </message>
    <message>
        <source>Someone else changed this %1 after you opened it (%2). Nothing was saved: reload it and make your change again.</source>
        <translation>Noen andre har endret %1 etter at du åpnet skjemaet (%2). Ingenting ble lagret: last inn på nytt og gjør endringen din igjen.</translation>
    </message>
    <message>
        <source>Someone else changed this %1 after you opened it. Nothing was saved: reload it and make your change again.</source>
        <translation>Noen andre har endret %1 etter at du åpnet skjemaet. Ingenting ble lagret: last inn på nytt og gjør endringen din igjen.</translation>
    </message>
    <message>
        <source>Someone else changed this record while you were saving it. Nothing was saved: reload it and make your change again.</source>
        <translation>Noen andre endret dette mens du lagret. Ingenting ble lagret: last inn på nytt og gjør endringen din igjen.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>Registrer samtykke</translation>
    </message>
    <message>
        <source>Marketing e-mail</source>
        <translation>Markedsføring på e-post</translation>
    </message>
    <message>
        <source>Newsletter</source>
        <translation>Nyhetsbrev</translation>
    </message>
    <message>
        <source>&amp;Given</source>
        <translation>&amp;Gitt</translation>
    </message>
    <message>
        <source>&amp;Withdrawn</source>
        <translation>&amp;Trukket tilbake</translation>
    </message>
    <message>
        <source>e.g. web form, e-mail of 3 May, phone call</source>
        <translation>f.eks. nettskjema, e-post 3. mai, telefonsamtale</translation>
    </message>
    <message>
        <source>&amp;Consent to</source>
        <translation>&amp;Samtykke til</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Dato</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>K&amp;ilde</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>Org number %1</source>
        <translation>Org.nr. %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Yes: %1</source>
        <translation>Ja: %1</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>Not verified against the registry</source>
        <translation>Ikke kontrollert mot Enhetsregisteret</translation>
    </message>
    <message>
        <source>Signing rule: %1</source>
        <translation>Signaturregel: %1</translation>
    </message>
    <message>
        <source>none registered</source>
        <translation>ingen registrert</translation>
    </message>
    <message>
        <source>No signing rule is registered for this organisation: ask the customer who may sign, and confirm it by hand.</source>
        <translation>Ingen signaturregel er registrert for denne virksomheten: spør kunden hvem som kan signere, og bekreft det manuelt.</translation>
    </message>
    <message>
        <source>No signing rule is registered; the rule above follows from the organisation form. Confirm by hand who signs.</source>
        <translation>Ingen signaturregel er registrert; regelen over følger av organisasjonsformen. Bekreft manuelt hvem som signerer.</translation>
    </message>
    <message>
        <source>Procuration: %1</source>
        <translation>Prokura: %1</translation>
    </message>
    <message>
        <source>No longer a signatory in the registry (check agreements they signed):</source>
        <translation>Ikke lenger signaturberettiget i Enhetsregisteret (kontroller avtaler de har signert):</translation>
    </message>
    <message>
        <source>The registry lists no roles.</source>
        <translation>Enhetsregisteret oppgir ingen roller.</translation>
    </message>
    <message>
        <source>elected by: %1</source>
        <translation>valgt av: %1</translation>
    </message>
    <message>
        <source>liability share %1</source>
        <translation>ansvarsandel %1</translation>
    </message>
    <message>
        <source>⚠ cannot sign alone — check</source>
        <translation>⚠ kan ikke signere alene — sjekk</translation>
    </message>
    <message>
        <source>The registry gives this rule only as text it cannot interpret: ask the customer who may sign, and confirm it by hand.</source>
        <translation>Registeret har denne regelen bare som fritekst det ikke kan tolke: spør kunden hvem som kan signere, og bekreft det manuelt.</translation>
    </message>
    <message>
        <source>Confirmed by hand by %1 %2:</source>
        <translation>Bekreftet manuelt av %1 %2:</translation>
    </message>
    <message>
        <source>%1 alone</source>
        <translation>%1 alene</translation>
    </message>
    <message>
        <source>%1 together</source>
        <translation>%1 i fellesskap</translation>
    </message>
    <message>
        <source>Combinations naming a person who died or left no longer apply: %1.</source>
        <translation>Kombinasjoner med en person som er død eller har gått ut, gjelder ikke lenger: %1.</translation>
    </message>
    <message>
        <source>The company is deleted in the registry: no new agreement can be issued.</source>
        <translation>Virksomheten er slettet i Enhetsregisteret: det kan ikke lages ny avtale.</translation>
    </message>
    <message>
        <source>The company was removed from the registry&apos;s open data: no new agreement can be issued.</source>
        <translation>Virksomheten er fjernet fra Enhetsregisterets åpne data: det kan ikke lages ny avtale.</translation>
    </message>
    <message>
        <source>The company is bankrupt: the estate is bound by its trustee; no new agreement is issued.</source>
        <translation>Virksomheten er konkurs: boet forpliktes av bostyreren; det lages ingen ny avtale.</translation>
    </message>
    <message>
        <source>The company is under liquidation: no new agreement is issued.</source>
        <translation>Virksomheten er under avvikling: det lages ingen ny avtale.</translation>
    </message>
    <message>
        <source>The company is being forcibly dissolved: no new agreement is issued.</source>
        <translation>Selskapet er under tvangsoppløsning: ingen ny avtale utstedes.</translation>
    </message>
    <message>
        <source>The unit is closed down in the registry: no new agreement is issued.</source>
        <translation>Enheten er nedlagt i registeret: ingen ny avtale utstedes.</translation>
    </message>
    <message>
        <source>The company is in reconstruction negotiations: check with the reconstructor before a new agreement.</source>
        <translation>Selskapet er under rekonstruksjonsforhandling: avklar med rekonstruktøren før en ny avtale.</translation>
    </message>
    <message>
        <source>Registered by hand and not verified against the registry: refresh it when the registry can be reached.</source>
        <translation>Registrert manuelt og ikke kontrollert mot Enhetsregisteret: oppdater kunden når Enhetsregisteret kan nås.</translation>
    </message>
    <message>
        <source>No agreement yet. Make one on the Agreements page.</source>
        <translation>Ingen avtale ennå. Lag en på siden Avtaler.</translation>
    </message>
    <message>
        <source>%1 — terms %2 — %3</source>
        <translation>%1 — vilkår %2 — %3</translation>
    </message>
    <message>
        <source>Registry data</source>
        <translation>Opplysninger fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Organisation form</source>
        <translation>Organisasjonsform</translation>
    </message>
    <message>
        <source>Business address</source>
        <translation>Forretningsadresse</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Postadresse</translation>
    </message>
    <message>
        <source>Paper goes to</source>
        <translation>Papirpost sendes til</translation>
    </message>
    <message>
        <source>Registry remarks</source>
        <translation>Påtegninger</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>VAT registered</source>
        <translation>MVA-registrert</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Næring</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Kontrollert</translation>
    </message>
    <message>
        <source>Who may sign</source>
        <translation>Hvem kan signere</translation>
    </message>
    <message>
        <source>Roles in the registry</source>
        <translation>Roller i Enhetsregisteret</translation>
    </message>
    <message>
        <source>Confirm &amp;signers…</source>
        <translation>Bekreft &amp;signatarer…</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>People can be added once the customer is saved.</source>
        <translation>Personer kan legges til når kunden er lagret.</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <source>Services can be added once the customer is saved.</source>
        <translation>Tjenester kan legges til når kunden er lagret.</translation>
    </message>
    <message>
        <source>Agreements will be shown here.</source>
        <translation>Avtaler vises her.</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Tjenester</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <source>Customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>&amp;Refresh from the registry</source>
        <translation>Oppd&amp;ater fra Enhetsregisteret</translation>
    </message>
</context>
<context>
    <name>CustomerImport</name>
    <message>
        <source>The file has more than %1 rows.</source>
        <translation>Filen har mer enn %1 rader.</translation>
    </message>
    <message>
        <source>The file is too large to import.</source>
        <translation>Filen er for stor til å importeres.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kan ikke lese %1: %2</translation>
    </message>
    <message>
        <source>The file is neither a CSV file nor an Excel workbook.</source>
        <translation>Filen er verken en CSV-fil eller en Excel-arbeidsbok.</translation>
    </message>
    <message>
        <source>The CSV file cannot be read: %1</source>
        <translation>CSV-filen kan ikke leses: %1</translation>
    </message>
    <message>
        <source>The Excel workbook cannot be read: %1</source>
        <translation>Excel-arbeidsboken kan ikke leses: %1</translation>
    </message>
    <message>
        <source>The file holds no organisation numbers.</source>
        <translation>Filen inneholder ingen organisasjonsnumre.</translation>
    </message>
    <message>
        <source>Listed twice (first on line %1).</source>
        <translation>Oppført to ganger (første gang på linje %1).</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>The registry does not know this organisation number.</source>
        <translation>Registeret kjenner ikke dette organisasjonsnummeret.</translation>
    </message>
    <message>
        <source>A sub-unit: list its main entity %1 instead.</source>
        <translation>En underenhet: før opp hovedenheten %1 i stedet.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Avbrutt: ingenting ble importert.</translation>
    </message>
    <message>
        <source>Nothing was imported: fix these rows and import the file again.</source>
        <translation>Ingenting ble importert: rett disse radene og importer filen på nytt.</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Linje %1</translation>
    </message>
    <message>
        <source>Imported %1 customers; %2 were customers already.</source>
        <translation>Importerte %1 kunder; %2 var kunder fra før.</translation>
    </message>
    <message>
        <source>%1 registry requests.</source>
        <translation>%1 oppslag i registeret.</translation>
    </message>
    <message>
        <source>%1: the contact was not added: %2</source>
        <translation>%1: kontaktpersonen ble ikke lagt til: %2</translation>
    </message>
    <message>
        <source>Import a customer list</source>
        <translation>Importer kundeliste</translation>
    </message>
    <message>
        <source>Customer lists (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>Kundelister (*.csv *.xlsx *.txt);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importerer %1…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 av %2: %3</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen mislyktes</translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Main contact</source>
        <translation>Hovedkontakt</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtale</translation>
    </message>
</context>
<context>
    <name>CustomerRefresh</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>No changes: the stored data matches the registry.</source>
        <translation>Ingen endringer: de lagrede opplysningene stemmer med Enhetsregisteret.</translation>
    </message>
    <message>
        <source>%1 no longer holds a signing role in the registry: check who signs.</source>
        <translation>%1 har ikke lenger signaturrett i Enhetsregisteret: kontroller hvem som signerer.</translation>
    </message>
    <message>
        <source>Asking the registry about %1…</source>
        <translation>Spør Enhetsregisteret om %1…</translation>
    </message>
    <message>
        <source>Refreshed from the registry</source>
        <translation>Oppdatert fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ingenting ble endret.</translation>
    </message>
    <message>
        <source>Refresh failed</source>
        <translation>Oppdateringen mislyktes</translation>
    </message>
    <message>
        <source>Refreshing customers from the registry…</source>
        <translation>Oppdaterer kunder fra Enhetsregisteret…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 av %2: %3</translation>
    </message>
    <message>
        <source>Changes: %1.</source>
        <translation>Endringer: %1.</translation>
    </message>
    <message>
        <source>Cancelled: the customers not reached were left as they were; the next refresh continues where this one stopped.</source>
        <translation>Avbrutt: kundene som ikke ble nådd, er uendret; neste oppdatering fortsetter der denne stoppet.</translation>
    </message>
    <message>
        <source>Only customers changed in the registry since the last refresh</source>
        <translation>Bare kunder som er endret i registeret siden forrige oppdatering</translation>
    </message>
    <message>
        <source>From the registry&apos;s bulk file</source>
        <translation>Fra registerets totalbestand</translation>
    </message>
    <message>
        <source>Each customer asked</source>
        <translation>Hver kunde slått opp</translation>
    </message>
    <message>
        <source>%1; %2 registry requests.</source>
        <translation>%1; %2 oppslag i registeret.</translation>
    </message>
    <message numerus="yes">
        <source>Refreshed %1 of %n customer(s); %2 changed.</source>
        <translation>
            <numerusform>Oppdaterte %1 av %n kunde; %2 endret.</numerusform>
            <numerusform>Oppdaterte %1 av %n kunder; %2 endret.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>Oppdater alle</translation>
    </message>
</context>
<context>
    <name>CustomerService</name>
    <message>
        <source>%1 is already a customer: %2.</source>
        <translation>%1 er allerede kunde: %2.</translation>
    </message>
    <message>
        <source>Organisation number: %1</source>
        <translation>Organisasjonsnummer: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Removed from the registry</source>
        <translation>Fjernet fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Bankrupt</source>
        <translation>Konkurs</translation>
    </message>
    <message>
        <source>Under liquidation</source>
        <translation>Under avvikling</translation>
    </message>
    <message>
        <source>Forcibly dissolved</source>
        <translation>Tvangsoppløst</translation>
    </message>
    <message>
        <source>In reconstruction</source>
        <translation>Under rekonstruksjon</translation>
    </message>
    <message>
        <source>Closed (sub-unit)</source>
        <translation>Nedlagt (underenhet)</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Ikke kontrollert</translation>
    </message>
    <message>
        <source>%1 bankrupt</source>
        <translation>%1 konkurs</translation>
    </message>
    <message>
        <source>%1 forcibly dissolved</source>
        <translation>%1 tvangsoppløst</translation>
    </message>
    <message>
        <source>%1 winding up</source>
        <translation>%1 under avvikling</translation>
    </message>
    <message>
        <source>%1 in reconstruction</source>
        <translation>%1 under rekonstruksjon</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 slettet</translation>
    </message>
    <message>
        <source>%1 removed from the registry</source>
        <translation>%1 fjernet fra registeret</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 nedlagt</translation>
    </message>
    <message>
        <source>%1 new signing rule</source>
        <translation>%1 ny signaturregel</translation>
    </message>
    <message>
        <source>%1 with new roles</source>
        <translation>%1 med nye roller</translation>
    </message>
    <message>
        <source>%1 address</source>
        <translation>%1 adresse</translation>
    </message>
    <message>
        <source>%1 new name</source>
        <translation>%1 nytt navn</translation>
    </message>
    <message>
        <source>%1 with registry remarks</source>
        <translation>%1 med påtegninger</translation>
    </message>
    <message>
        <source>%1 new signing rules</source>
        <translation>%1 nye signaturregler</translation>
    </message>
    <message>
        <source>%1 addresses</source>
        <translation>%1 adresser</translation>
    </message>
    <message>
        <source>%1 new names</source>
        <translation>%1 nye navn</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Organisation form</source>
        <translation>Organisasjonsform</translation>
    </message>
    <message>
        <source>Business address</source>
        <translation>Forretningsadresse</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Postadresse</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status date</source>
        <translation>Statusdato</translation>
    </message>
    <message>
        <source>VAT registered</source>
        <translation>MVA-registrert</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roller</translation>
    </message>
    <message>
        <source>Signing rule</source>
        <translation>Signaturregel</translation>
    </message>
    <message>
        <source>Procuration</source>
        <translation>Prokura</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>Signaturberettigede</translation>
    </message>
    <message>
        <source>Registry remarks</source>
        <translation>Påtegninger</translation>
    </message>
    <message>
        <source>The owner signs alone.</source>
        <translation>Innehaveren signerer alene.</translation>
    </message>
    <message>
        <source>Each partner may sign alone.</source>
        <translation>Hver deltaker kan signere alene.</translation>
    </message>
    <message>
        <source>Each general partner may sign alone.</source>
        <translation>Hver komplementar kan signere alene.</translation>
    </message>
    <message>
        <source>The board jointly.</source>
        <translation>Styret i fellesskap.</translation>
    </message>
    <message>
        <source>The bankruptcy trustee binds the estate.</source>
        <translation>Bostyreren forplikter boet.</translation>
    </message>
    <message>
        <source>Type 1 to 180 characters of the name to search for.</source>
        <translation>Skriv 1 til 180 tegn av navnet du vil søke etter.</translation>
    </message>
    <message>
        <source>%1 is a sub-unit (a branch); register its main entity %2 instead.</source>
        <translation>%1 er en underenhet (en avdeling); registrer hovedenheten %2 i stedet.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Address: at most 4 lines</source>
        <translation>Adresse: høyst 4 linjer</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Poststed</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Landkode</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>The company is deleted in the registry: no new agreement can be issued.</source>
        <translation>Virksomheten er slettet i Enhetsregisteret: det kan ikke lages ny avtale.</translation>
    </message>
    <message>
        <source>The company was removed from the registry&apos;s open data: no new agreement can be issued.</source>
        <translation>Virksomheten er fjernet fra Enhetsregisterets åpne data: det kan ikke lages ny avtale.</translation>
    </message>
    <message>
        <source>The company is bankrupt: the estate is bound by its trustee; no new agreement is issued.</source>
        <translation>Virksomheten er konkurs: boet forpliktes av bostyreren; det lages ingen ny avtale.</translation>
    </message>
    <message>
        <source>The company is under liquidation: no new agreement is issued.</source>
        <translation>Virksomheten er under avvikling: det lages ingen ny avtale.</translation>
    </message>
    <message>
        <source>The company is being forcibly dissolved: no new agreement is issued.</source>
        <translation>Selskapet er under tvangsoppløsning: ingen ny avtale utstedes.</translation>
    </message>
    <message>
        <source>The unit is closed down in the registry: no new agreement is issued.</source>
        <translation>Enheten er nedlagt i registeret: ingen ny avtale utstedes.</translation>
    </message>
    <message>
        <source>The company is in reconstruction negotiations: check with the reconstructor before a new agreement.</source>
        <translation>Selskapet er under rekonstruksjonsforhandling: avklar med rekonstruktøren før en ny avtale.</translation>
    </message>
    <message>
        <source>The customer is not verified against the registry: refresh it first.</source>
        <translation>Kunden er ikke kontrollert mot Enhetsregisteret: oppdater kunden først.</translation>
    </message>
    <message>
        <source>No signing rule is registered: confirm by hand who may sign.</source>
        <translation>Ingen signaturregel er registrert: bekreft manuelt hvem som kan signere.</translation>
    </message>
    <message>
        <source>The company was removed from the registry&apos;s open data. Its status is now “removed”; the stored data was kept.</source>
        <translation>Virksomheten er fjernet fra Enhetsregisterets åpne data. Statusen er nå «fjernet»; de lagrede opplysningene er beholdt.</translation>
    </message>
    <message>
        <source>An organisation number has 9 digits.</source>
        <translation>Et organisasjonsnummer har 9 sifre.</translation>
    </message>
    <message>
        <source>An organisation number starts with 8 or 9.</source>
        <translation>Et organisasjonsnummer begynner med 8 eller 9.</translation>
    </message>
    <message>
        <source>The check digit is wrong.</source>
        <translation>Kontrollsifferet er feil.</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signatar</translation>
    </message>
    <message>
        <source>Name at least one person who may sign.</source>
        <translation>Oppgi minst én person som kan signere.</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Bekreftet av</translation>
    </message>
</context>
<context>
    <name>CustomerStatus</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Removed from the registry</source>
        <translation>Fjernet fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Bankrupt</source>
        <translation>Konkurs</translation>
    </message>
    <message>
        <source>Under liquidation</source>
        <translation>Under avvikling</translation>
    </message>
    <message>
        <source>Forcibly dissolved</source>
        <translation>Tvangsoppløst</translation>
    </message>
    <message>
        <source>In reconstruction</source>
        <translation>Under rekonstruksjon</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Nedlagt</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Ikke kontrollert</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signert</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Oppsagt</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>Organisation number: %1</source>
        <translation>Organisasjonsnummer: %1</translation>
    </message>
    <message>
        <source>No customer with organisation number %1; register it first.</source>
        <translation>Finner ingen kunde med organisasjonsnummer %1; registrer kunden først.</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>%1+ customers match</source>
        <translation>%1+ kunder funnet</translation>
    </message>
    <message>
        <source>%1+ customers</source>
        <translation>%1+ kunder</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) match</source>
        <translation>
            <numerusform>%Ln kunde funnet</numerusform>
            <numerusform>%Ln kunder funnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln kunde</numerusform>
            <numerusform>%Ln kunder</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches the search.</source>
        <translation>Ingen kunder passer til søket.</translation>
    </message>
    <message>
        <source>No customers yet. Add one with “Add customer” (Ctrl+N): type its org number or name.</source>
        <translation>Ingen kunder ennå. Legg til en med «Legg til kunde» (Ctrl+N): skriv inn organisasjonsnummeret eller navnet.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Søk:</translation>
    </message>
    <message>
        <source>Name, org number, municipality or contact</source>
        <translation>Navn, org.nr., kommune eller kontakt</translation>
    </message>
    <message>
        <source>&amp;Add customer…</source>
        <translation>&amp;Legg til kunde…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <source>Refresh a&amp;ll</source>
        <translation>Oppdater &amp;alle</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import a customer list (CSV or Excel) of organisation numbers</source>
        <translation>Importer en kundeliste (CSV eller Excel) med organisasjonsnumre</translation>
    </message>
    <message>
        <source>Add a customer from the registry (Ctrl+N)</source>
        <translation>Legg til en kunde fra Enhetsregisteret (Ctrl+N)</translation>
    </message>
    <message>
        <source>Fetch the selected customer from the registry again (F5)</source>
        <translation>Hent den valgte kunden på nytt fra Enhetsregisteret (F5)</translation>
    </message>
    <message>
        <source>Fetch the customers changed in the registry since the last refresh (Ctrl+Shift+F5)</source>
        <translation>Hent kundene som er endret i registeret siden forrige oppdatering (Ctrl+Shift+F5)</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>%Y-%m-%d</source>
        <translation>%d.%m.%Y</translation>
    </message>
</context>
<context>
    <name>DetailsBox</name>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Show technical details</source>
        <translation>Vis tekniske detaljer</translation>
    </message>
</context>
<context>
    <name>DiffPartsModel</name>
    <message>
        <source>Section</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Endring</translation>
    </message>
    <message>
        <source>(front matter)</source>
        <translation>(innledning)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Lagt til</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Fjernet</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Endret</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Uendret</translation>
    </message>
    <message>
        <source>was %1</source>
        <translation>var %1</translation>
    </message>
    <message>
        <source>retitled</source>
        <translation>ny tittel</translation>
    </message>
    <message>
        <source>formatting only</source>
        <translation>bare formatering</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Sections that differ</source>
        <translation>Avsnitt som er ulike</translation>
    </message>
    <message>
        <source>The two versions side by side</source>
        <translation>De to versjonene side om side</translation>
    </message>
    <message>
        <source>&amp;Old:</source>
        <translation>G&amp;ammel:</translation>
    </message>
    <message>
        <source>&amp;New:</source>
        <translation>N&amp;y:</translation>
    </message>
    <message>
        <source>&amp;Changed sections only</source>
        <translation>&amp;Bare endrede avsnitt</translation>
    </message>
    <message>
        <source>Left: the old version, removed words struck through. Right: the new version, added words underlined.</source>
        <translation>Venstre: den gamle versjonen, med fjernede ord gjennomstreket. Høyre: den nye versjonen, med nye ord understreket.</translation>
    </message>
    <message>
        <source>Sections: %1 changed, %2 added, %3 removed, %4 unchanged.</source>
        <translation>Avsnitt: %1 endret, %2 nye, %3 fjernet, %4 uendret.</translation>
    </message>
    <message>
        <source>The two versions read the same.</source>
        <translation>De to versjonene har samme tekst.</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>Pre&amp;view</source>
        <translation>F&amp;orhåndsvis</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Lagre &amp;som…</translation>
    </message>
    <message>
        <source>E-ma&amp;il</source>
        <translation>E-&amp;post</translation>
    </message>
    <message>
        <source>Save a &amp;draft and open it in the mail program…</source>
        <translation>Lagre &amp;utkast og åpne det i e-postprogrammet…</translation>
    </message>
    <message>
        <source>&amp;Send now…</source>
        <translation>&amp;Send nå…</translation>
    </message>
    <message>
        <source>E-mail &amp;settings…</source>
        <translation>E-post&amp;innstillinger…</translation>
    </message>
    <message>
        <source>&amp;Batch…</source>
        <translation>For flere kun&amp;der…</translation>
    </message>
    <message>
        <source>The agreement PDF: terms, DPA annex and signature blocks, filled in for the customer</source>
        <translation>Avtale-PDF-en: vilkår, databehandleravtale som vedlegg og signaturfelt, utfylt for kunden</translation>
    </message>
    <message>
        <source>Set up the mail server (SMTP) first: E-mail ▸ E-mail settings.</source>
        <translation>Sett opp e-postserveren (SMTP) først: E-post ▸ E-postinnstillinger.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtale</translation>
    </message>
    <message>
        <source>Agreement %1 – %2</source>
        <translation>Avtale %1 – %2</translation>
    </message>
    <message numerus="yes">
        <source>Agreement %1 for %2 (%n page(s)).</source>
        <translation>
            <numerusform>Avtale %1 for %2 (%n side).</numerusform>
            <numerusform>Avtale %1 for %2 (%n sider).</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the agreement</source>
        <translation>Lagre avtalen</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Skriv ut</translation>
    </message>
    <message>
        <source>The &amp;agreement…</source>
        <translation>&amp;Avtalen …</translation>
    </message>
    <message>
        <source>The &amp;signature sheet…</source>
        <translation>&amp;Signatursiden …</translation>
    </message>
    <message>
        <source>Print &amp;pack: the agreement and a signature sheet for each party…</source>
        <translation>Utskrifts&amp;pakke: avtalen og en signaturside til hver part …</translation>
    </message>
    <message>
        <source>Signature s&amp;heet</source>
        <translation>Signatur&amp;side</translation>
    </message>
    <message>
        <source>One page to sign on paper: the parties, the terms version and the document id</source>
        <translation>Én side å signere på papir: partene, vilkårsversjonen og dokument-ID-en</translation>
    </message>
    <message>
        <source>Sheets for &amp;several customers…</source>
        <translation>Sider for &amp;flere kunder …</translation>
    </message>
    <message>
        <source>P&amp;rint sheets for every active customer…</source>
        <translation>Skriv &amp;ut signatursider for alle aktive kunder …</translation>
    </message>
    <message>
        <source>Save a draft with the &amp;signature sheet attached…</source>
        <translation>Lagre et utkast med &amp;signatursiden vedlagt …</translation>
    </message>
    <message>
        <source>Agreement %1</source>
        <translation>Avtale %1</translation>
    </message>
    <message>
        <source>Signature sheet %1</source>
        <translation>Signaturside %1</translation>
    </message>
    <message>
        <source>Print pack %1</source>
        <translation>Utskriftspakke %1</translation>
    </message>
    <message numerus="yes">
        <source>%n signature sheet(s)</source>
        <translation>
            <numerusform>%n signaturside</numerusform>
            <numerusform>%n signatursider</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature sheet %1 – %2</source>
        <translation>Signaturside %1 – %2</translation>
    </message>
    <message>
        <source>Save the signature sheet</source>
        <translation>Lagre signatursiden</translation>
    </message>
    <message>
        <source>Signature sheet for %1 saved as %2.</source>
        <translation>Signatursiden for %1 er lagret som %2.</translation>
    </message>
    <message>
        <source>Folder for the signature sheets</source>
        <translation>Mappe for signatursidene</translation>
    </message>
    <message numerus="yes">
        <source>%n signature sheet(s) written to %1.</source>
        <translation>
            <numerusform>%n signaturside lagret i %1.</numerusform>
            <numerusform>%n signatursider lagret i %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the rest were not made.</source>
        <translation>Avbrutt: resten ble ikke laget.</translation>
    </message>
    <message>
        <source>Making signature sheets…</source>
        <translation>Lager signatursider …</translation>
    </message>
    <message>
        <source>Agreement %1 saved as %2.</source>
        <translation>Avtale %1 lagret som %2.</translation>
    </message>
    <message>
        <source>Save the e-mail draft</source>
        <translation>Lagre e-postutkastet</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-post (*.eml)</translation>
    </message>
    <message>
        <source>E-mail draft to %1 saved as %2.</source>
        <translation>E-postutkast til %1 lagret som %2.</translation>
    </message>
    <message>
        <source>No mail program opened it: open the file yourself.</source>
        <translation>Ikke noe e-postprogram åpnet det: åpne filen selv.</translation>
    </message>
    <message>
        <source>Set up the mail server first.</source>
        <translation>Sett opp e-postserveren først.</translation>
    </message>
    <message>
        <source>No password was typed, so nothing was sent. Type it when sending, or save it in E-mail ▸ E-mail settings.</source>
        <translation>Du skrev ikke inn noe passord, så ingenting ble sendt. Skriv det inn når du sender, eller lagre det under E-post ▸ E-postinnstillinger.</translation>
    </message>
    <message>
        <source>Agreement %1 sent to %2 and marked as sent.</source>
        <translation>Avtale %1 sendt til %2 og merket som sendt.</translation>
    </message>
</context>
<context>
    <name>DocumentReader</name>
    <message>
        <source>Sections</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <source>Terms text</source>
        <translation>Vilkårsteksten</translation>
    </message>
</context>
<context>
    <name>DocumentService</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server: %1 is not a host name.</source>
        <translation>Server: %1 er ikke et gyldig servernavn.</translation>
    </message>
    <message>
        <source>Port must be a number.</source>
        <translation>Porten må være et tall.</translation>
    </message>
    <message>
        <source>Port must be between 1 and 65535.</source>
        <translation>Porten må være mellom 1 og 65535.</translation>
    </message>
    <message>
        <source>Security must be none, starttls or tls, not %1.</source>
        <translation>Sikkerhet må være none, starttls eller tls, ikke %1.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Brukernavn</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Avsender</translation>
    </message>
    <message>
        <source>The customer is not verified against the registry: refresh it first.</source>
        <translation>Kunden er ikke kontrollert mot Enhetsregisteret: oppdater kunden først.</translation>
    </message>
    <message>
        <source>No signing rule is registered: confirm by hand who may sign.</source>
        <translation>Ingen signaturregel er registrert: bekreft manuelt hvem som kan signere.</translation>
    </message>
    <message>
        <source>Subject</source>
        <extracomment>Fields a terms text may use whose values are kept in the settings (the same for every customer).</extracomment>
        <translation>Emne</translation>
    </message>
    <message>
        <source>The e-mail text is empty.</source>
        <translation>E-postteksten er tom.</translation>
    </message>
    <message>
        <source>Unknown fields in the e-mail template: %1.</source>
        <translation>Ukjente felt i e-postmalen: %1.</translation>
    </message>
    <message>
        <source>These fields cannot be set here: %1.</source>
        <translation>Disse feltene kan ikke angis her: %1.</translation>
    </message>
    <message>
        <source>Agreement %1 belongs to %2, not to %3.</source>
        <translation>Avtale %1 tilhører %2, ikke %3.</translation>
    </message>
    <message>
        <source>Agreement %1 has no issued version %2.</source>
        <translation>Avtale %1 har ingen utstedt versjon %2.</translation>
    </message>
    <message>
        <source>%1 has no main contact: choose one on the customer card first.</source>
        <translation>%1 har ingen hovedkontakt: velg en på kundekortet først.</translation>
    </message>
    <message>
        <source>The main contact %1 has no e-mail address: add one first.</source>
        <translation>Hovedkontakten %1 har ingen e-postadresse: legg til en først.</translation>
    </message>
    <message>
        <source>The supplier profile has no e-mail address to send from: add one in Settings (or a sender in the e-mail settings).</source>
        <translation>Leverandørprofilen har ingen e-postadresse å sende fra: legg til en under Innstillinger (eller en avsender i e-postinnstillingene).</translation>
    </message>
    <message>
        <source>Not a valid e-mail address: %1.</source>
        <translation>Ikke en gyldig e-postadresse: %1.</translation>
    </message>
    <message>
        <source>Set up the mail server (SMTP) first: E-mail settings, or &apos;contractdesk smtp set&apos;.</source>
        <translation>Sett opp e-postserveren (SMTP) først: under E-postinnstillinger, eller med &apos;contractdesk smtp set&apos;.</translation>
    </message>
    <message>
        <source>Agreement %1 is terminated: it cannot be sent.</source>
        <translation>Avtale %1 er sagt opp: den kan ikke sendes.</translation>
    </message>
    <message>
        <source>Name the customers, or choose all active customers.</source>
        <translation>Oppgi kundene, eller velg alle aktive kunder.</translation>
    </message>
    <message>
        <source>The registry has no data on who may sign for %1: check the signing authority by hand.</source>
        <translation>Enhetsregisteret har ingen opplysninger om hvem som kan signere for %1: kontroller signaturretten manuelt.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-post</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>signatar</translation>
    </message>
    <message>
        <source>The supplier profile has no %1: fill it in.</source>
        <translation>Leverandørprofilen mangler %1: fyll det inn.</translation>
    </message>
    <message>
        <source>The terms use %1 with no value: set it in the settings.</source>
        <translation>Vilkårene bruker %1, som ikke har noen verdi: fyll den inn i innstillingene.</translation>
    </message>
    <message>
        <source>The sub-processor register gives no location or transfer basis for %1: the §17.7 table shows a dash.</source>
        <translation>Underleverandørregisteret oppgir ikke plassering eller overføringsgrunnlag for %1: tabellen i §17.7 viser en strek.</translation>
    </message>
    <message>
        <source>Terms version %1 names %2 as the supplier, not %3 (the supplier profile): make a next version with the supplier&apos;s details as fields before issuing.</source>
        <translation>Vilkårsversjon %1 oppgir %2 som leverandør, ikke %3 (leverandørprofilen): lag en ny versjon med leverandørens opplysninger som felt før utstedelse.</translation>
    </message>
    <message>
        <source>another business</source>
        <translation>en annen virksomhet</translation>
    </message>
    <message>
        <source>Terms version %1 names no supplier to turn into fields.</source>
        <translation>Vilkårsversjon %1 oppgir ingen leverandør som kan gjøres om til felt.</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Person %1 is erased and cannot sign.</source>
        <translation>Person %1 er slettet og kan ikke signere.</translation>
    </message>
    <message>
        <source>No signatory is known for %1: the customer&apos;s signature line is left without a name.</source>
        <translation>Ingen signaturberettiget er kjent for %1: kundens signaturlinje står uten navn.</translation>
    </message>
    <message>
        <source>Fill in the supplier profile in Settings before making agreements.</source>
        <translation>Fyll ut leverandørprofilen under Innstillinger før du lager avtaler.</translation>
    </message>
    <message>
        <source>No terms version %1.</source>
        <translation>Finner ingen vilkårsversjon %1.</translation>
    </message>
    <message>
        <source>Terms version %1 is a draft: publish it first.</source>
        <translation>Vilkårsversjon %1 er et utkast: publiser den først.</translation>
    </message>
    <message>
        <source>No terms version is published yet.</source>
        <translation>Ingen vilkårsversjon er publisert ennå.</translation>
    </message>
    <message>
        <source>Terms version %1 has unknown fields: %2.</source>
        <translation>Vilkårsversjon %1 har ukjente felt: %2.</translation>
    </message>
    <message>
        <source>The PDF could not be made: %1</source>
        <translation>PDF-en kunne ikke lages: %1</translation>
    </message>
    <message>
        <source>The password would be sent unencrypted: choose STARTTLS or TLS in the e-mail settings.</source>
        <translation>Passordet ville blitt sendt ukryptert: velg STARTTLS eller TLS i e-postinnstillingene.</translation>
    </message>
    <message>
        <source>The mail server %1 did not answer in time. Nothing was sent.</source>
        <translation>E-postserveren %1 svarte ikke i tide. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: check the security setting (STARTTLS or TLS) and the port. Nothing was sent.</source>
        <translation>Den sikre forbindelsen til %1 mislyktes: kontroller sikkerhetsinnstillingen (STARTTLS eller TLS) og porten. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The mail server %1 refused the login: check the user name and password. Nothing was sent.</source>
        <translation>E-postserveren %1 avviste innloggingen: kontroller brukernavn og passord. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The mail server %1 refused the sender address. Nothing was sent.</source>
        <translation>E-postserveren %1 avviste avsenderadressen. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The mail server %1 refused the recipient&apos;s address. Nothing was sent.</source>
        <translation>E-postserveren %1 avviste mottakerens adresse. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Could not reach the mail server %1: check the server name, the port and the network. Nothing was sent.</source>
        <translation>Fikk ikke kontakt med e-postserveren %1: kontroller servernavn, port og nettverk. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The mail server %1 answered with an error. Nothing was sent.</source>
        <translation>E-postserveren %1 svarte med en feil. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Sending through %1 failed. Nothing was sent.</source>
        <translation>Sending via %1 mislyktes. Ingenting ble sendt.</translation>
    </message>
</context>
<context>
    <name>DocumentSettingsBox</name>
    <message>
        <source>Agreement documents</source>
        <translation>Avtaledokumenter</translation>
    </message>
    <message>
        <source>&amp;Initials field (“Parafering”) in the footer of every page</source>
        <translation>&amp;Parafering (felt for initialer) i bunnteksten på hver side</translation>
    </message>
    <message>
        <source>Initials field in the footer of every page</source>
        <translation>Parafering i bunnteksten på hver side</translation>
    </message>
    <message>
        <source>Both parties initial each page of the printed agreement. Applies to documents issued from now on.</source>
        <translation>Begge parter setter initialene sine på hver side av den utskrevne avtalen. Gjelder dokumenter som utstedes fra nå av.</translation>
    </message>
    <message>
        <source>Saved: new documents have the initials field.</source>
        <translation>Lagret: nye dokumenter får feltet for parafering.</translation>
    </message>
    <message>
        <source>Saved: new documents have no initials field.</source>
        <translation>Lagret: nye dokumenter får ikke feltet for parafering.</translation>
    </message>
</context>
<context>
    <name>DpaChecklist</name>
    <message>
        <source>Processing only on documented instructions from the controller</source>
        <translation>Behandling bare etter dokumenterte instrukser fra den behandlingsansvarlige</translation>
    </message>
    <message>
        <source>the processor acts only on the controller&apos;s documented instructions</source>
        <translation>databehandleren handler bare etter den behandlingsansvarliges dokumenterte instrukser</translation>
    </message>
    <message>
        <source>transfers to third countries or international organisations only on instructions</source>
        <translation>overføring til tredjeland eller internasjonale organisasjoner bare etter instruks</translation>
    </message>
    <message>
        <source>Persons authorised to process are committed to confidentiality</source>
        <translation>De som har tilgang til å behandle opplysningene, har taushetsplikt</translation>
    </message>
    <message>
        <source>staff and others processing the data are bound to confidentiality</source>
        <translation>ansatte og andre som behandler opplysningene, er bundet av taushetsplikt</translation>
    </message>
    <message>
        <source>Security of processing (Art. 32)</source>
        <translation>Sikkerhet ved behandlingen (art. 32)</translation>
    </message>
    <message>
        <source>the processor takes the security measures of Art. 32</source>
        <translation>databehandleren gjennomfører sikkerhetstiltakene i art. 32</translation>
    </message>
    <message>
        <source>Conditions for engaging sub-processors</source>
        <translation>Vilkår for å bruke underleverandører</translation>
    </message>
    <message>
        <source>sub-processors only with the controller&apos;s prior authorisation; changes notified with a right to object</source>
        <translation>underleverandører bare etter forhåndsgodkjenning fra den behandlingsansvarlige; endringer varsles med rett til å protestere</translation>
    </message>
    <message>
        <source>the same data-protection obligations are imposed on sub-processors</source>
        <translation>underleverandørene pålegges de samme personvernforpliktelsene</translation>
    </message>
    <message>
        <source>Assisting the controller with data subjects&apos; rights (Chapter III)</source>
        <translation>Bistand til den behandlingsansvarlige med de registrertes rettigheter (kapittel III)</translation>
    </message>
    <message>
        <source>the processor assists with requests from data subjects (access, rectification, erasure …)</source>
        <translation>databehandleren bistår med henvendelser fra de registrerte (innsyn, retting, sletting …)</translation>
    </message>
    <message>
        <source>Assisting the controller with Arts. 32–36 (security, breaches, DPIA, prior consultation)</source>
        <translation>Bistand til den behandlingsansvarlige med art. 32–36 (sikkerhet, avvik, konsekvensvurdering, forhåndsdrøfting)</translation>
    </message>
    <message>
        <source>assistance with the security of processing (Art. 32)</source>
        <translation>bistand med sikkerheten ved behandlingen (art. 32)</translation>
    </message>
    <message>
        <source>personal data breaches notified to the controller (Arts. 33–34)</source>
        <translation>brudd på personopplysningssikkerheten varsles den behandlingsansvarlige (art. 33–34)</translation>
    </message>
    <message>
        <source>assistance with data protection impact assessments (Art. 35)</source>
        <translation>bistand med vurderinger av personvernkonsekvenser (art. 35)</translation>
    </message>
    <message>
        <source>assistance with prior consultation of the supervisory authority (Art. 36)</source>
        <translation>bistand med forhåndsdrøftinger med tilsynsmyndigheten (art. 36)</translation>
    </message>
    <message>
        <source>Deletion or return of all personal data at the end of the services</source>
        <translation>Sletting eller tilbakelevering av alle personopplysninger når tjenestene opphører</translation>
    </message>
    <message>
        <source>at the end, the data are deleted or returned, as the controller chooses</source>
        <translation>ved opphør slettes eller tilbakeleveres opplysningene, etter den behandlingsansvarliges valg</translation>
    </message>
    <message>
        <source>existing copies (backups) are deleted too</source>
        <translation>eksisterende kopier (sikkerhetskopier) slettes også</translation>
    </message>
    <message>
        <source>Information to demonstrate compliance, and audits</source>
        <translation>Informasjon som viser at pliktene overholdes, og revisjoner</translation>
    </message>
    <message>
        <source>the processor makes available the information needed to demonstrate compliance</source>
        <translation>databehandleren gjør tilgjengelig informasjonen som trengs for å vise at pliktene overholdes</translation>
    </message>
    <message>
        <source>the processor allows and contributes to audits and inspections</source>
        <translation>databehandleren gir adgang til og bidrar ved revisjoner og inspeksjoner</translation>
    </message>
    <message>
        <source>the Personal Data Act of 14 April 2000 no. 31, repealed on 20 July 2018 (now the GDPR and the 2018 act)</source>
        <translation>personopplysningsloven av 14. april 2000 nr. 31, opphevet 20. juli 2018 (nå personvernforordningen og loven fra 2018)</translation>
    </message>
    <message>
        <source>the Personal Data Regulations of 15 December 2000 no. 1265, repealed in 2018</source>
        <translation>personopplysningsforskriften av 15. desember 2000 nr. 1265, opphevet i 2018</translation>
    </message>
    <message>
        <source>probably the Personal Data Regulations of 15 December 2000 no. 1265, repealed in 2018</source>
        <translation>trolig personopplysningsforskriften av 15. desember 2000 nr. 1265, opphevet i 2018</translation>
    </message>
    <message>
        <source>chapter 2 of the 2000 regulations (security, breaches), repealed in 2018; see GDPR Arts. 32–34</source>
        <translation>kapittel 2 i forskriften fra 2000 (sikkerhet, avvik), opphevet i 2018; se personvernforordningen art. 32–34</translation>
    </message>
    <message>
        <source>section numbering of the 2000 act (§ 2 definitions, § 13 security, § 15 processors); now GDPR Arts. 4, 28 and 32</source>
        <translation>paragrafnummerering fra loven av 2000 (§ 2 definisjoner, § 13 sikkerhet, § 15 databehandlere); nå personvernforordningen art. 4, 28 og 32</translation>
    </message>
    <message>
        <source>chapter 2 of the 2000 act; now the GDPR</source>
        <translation>kapittel 2 i loven fra 2000; nå personvernforordningen</translation>
    </message>
</context>
<context>
    <name>DueItemsModel</name>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Gjelder</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Forfall</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Hva som skjer</translation>
    </message>
    <message>
        <source>Kept as evidence</source>
        <translation>Beholdes som bevis</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>til %1</translation>
    </message>
</context>
<context>
    <name>EditDraftDialog</name>
    <message>
        <source>Edit draft %1</source>
        <translation>Rediger utkast %1</translation>
    </message>
    <message>
        <source>&amp;Planned effective date:</source>
        <translation>&amp;Planlagt gyldig fra:</translation>
    </message>
    <message>
        <source>Numbered headings (8.1.1 Title), • bullets and &apos;Vedlegg 1&apos; start sections, lists and annexes. The customer&apos;s details are filled in for each customer.</source>
        <translation>Nummererte overskrifter (8.1.1 Tittel), • punkttegn og &apos;Vedlegg 1&apos; starter avsnitt, lister og vedlegg. Kundens opplysninger fylles ut for hver kunde.</translation>
    </message>
    <message>
        <source>Field codes in the text, e.g. {customer.name}, are replaced per customer.</source>
        <translation>Feltkoder i teksten, f.eks. {customer.name}, erstattes for hver kunde.</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Betegnelse:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Tekst:</translation>
    </message>
</context>
<context>
    <name>EmailSettingsDialog</name>
    <message>
        <source>E-mail settings</source>
        <translation>E-postinnstillinger</translation>
    </message>
    <message>
        <source>Mail &amp;server</source>
        <translation>&amp;E-postserver</translation>
    </message>
    <message>
        <source>Agreement &amp;e-mail</source>
        <translation>E-post med &amp;avtalen</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>S&amp;ikkerhet:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Brukernavn:</translation>
    </message>
    <message>
        <source>Se&amp;nder:</source>
        <translation>A&amp;vsender:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;ord:</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (vanligvis port 587)</translation>
    </message>
    <message>
        <source>TLS (usually port 465)</source>
        <translation>TLS (vanligvis port 465)</translation>
    </message>
    <message>
        <source>None (unencrypted; no login)</source>
        <translation>Ingen (ukryptert; uten innlogging)</translation>
    </message>
    <message>
        <source>empty: the supplier&apos;s e-mail address</source>
        <translation>tomt: leverandørens e-postadresse</translation>
    </message>
    <message>
        <source>&amp;Forget the saved password</source>
        <translation>&amp;Glem det lagrede passordet</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>E&amp;mne:</translation>
    </message>
    <message>
        <source>&amp;Reset to the standard text</source>
        <translation>&amp;Tilbakestill til standardteksten</translation>
    </message>
    <message>
        <source>Text of the e-mail</source>
        <translation>Teksten i e-posten</translation>
    </message>
    <message>
        <source>Fields: {customer.name}, {customer.org_number}, {recipient.name}, {supplier.name}, {supplier.email}, {supplier.phone}, {supplier_signatory.name}, {terms.label}, {document.id}, {agreement.date} and the other agreement fields.</source>
        <translation>Felt: {customer.name}, {customer.org_number}, {recipient.name}, {supplier.name}, {supplier.email}, {supplier.phone}, {supplier_signatory.name}, {terms.label}, {document.id}, {agreement.date} og de andre avtalefeltene.</translation>
    </message>
    <message>
        <source>no system keyring here</source>
        <translation>ingen nøkkelring her</translation>
    </message>
    <message>
        <source>No system keyring is available, so the password is not saved: it is asked each time you send.</source>
        <translation>Ingen nøkkelring i systemet er tilgjengelig, så passordet lagres ikke: det spørres om hver gang du sender.</translation>
    </message>
    <message>
        <source>Scripts may give the password in the environment variable %1.</source>
        <translation>Skript kan oppgi passordet i miljøvariabelen %1.</translation>
    </message>
    <message>
        <source>saved in the system keyring (type to change)</source>
        <translation>lagret i systemets nøkkelring (skriv for å endre)</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring, never in ContractDesk&apos;s data.</source>
        <translation>Passordet oppbevares i systemets nøkkelring, aldri i ContractDesk-dataene.</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>oppbevares i systemets nøkkelring</translation>
    </message>
    <message>
        <source>A password typed here is kept in the system keyring, never in ContractDesk&apos;s data. Empty: asked each time you send.</source>
        <translation>Et passord du skriver her, oppbevares i systemets nøkkelring, aldri i ContractDesk-dataene. Tomt: du blir spurt hver gang du sender.</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase person</source>
        <translation>Slett person</translation>
    </message>
    <message>
        <source>Erase %1? Names, title, phone numbers and e-mail addresses are removed for good, also from the audit log&apos;s details. The id and the history of changes are kept (terms §8.2.3).</source>
        <translation>Slette %1? Navn, tittel, telefonnumre og e-postadresser fjernes for godt, også fra detaljene i endringsloggen. Id-en og endringshistorikken beholdes (vilkårene §8.2.3).</translation>
    </message>
    <message>
        <source>Decide later (the customer has no main contact until then)</source>
        <translation>Bestem senere (kunden har ingen hovedkontakt inntil da)</translation>
    </message>
    <message>
        <source>Next main contact of %1</source>
        <translation>Ny hovedkontakt for %1</translation>
    </message>
    <message>
        <source>I understand this cannot be undone</source>
        <translation>Jeg forstår at dette ikke kan angres</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Slett</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to ContractDesk</source>
        <translation>Velkommen til ContractDesk</translation>
    </message>
</context>
<context>
    <name>GettingStartedPanel</name>
    <message>
        <source>Getting started</source>
        <translation>Kom i gang</translation>
    </message>
    <message>
        <source>Five steps to your first signed agreement. This panel goes away once the first agreement has been sent.</source>
        <translation>Fem steg til den første signerte avtalen. Denne ruten forsvinner når den første avtalen er sendt.</translation>
    </message>
    <message>
        <source>1. Your business details</source>
        <translation>1. Opplysninger om virksomheten din</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>2. Add a customer from the registry</source>
        <translation>2. Legg til en kunde fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>3. Add its main contact (on the customer card)</source>
        <translation>3. Legg til hovedkontakten (på kundekortet)</translation>
    </message>
    <message>
        <source>4. Add the services the customer buys</source>
        <translation>4. Legg til tjenestene kunden kjøper</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Tjenester</translation>
    </message>
    <message>
        <source>5. Make the agreement, print or e-mail it</source>
        <translation>5. Lag avtalen, skriv den ut eller send den på e-post</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Utført</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Ikke utført</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Åpne %1</translation>
    </message>
</context>
<context>
    <name>GuiController</name>
    <message>
        <source>Password for %1 on the team server:</source>
        <translation>Passord for %1 på teamets server:</translation>
    </message>
    <message>
        <source>Connect to the team server</source>
        <translation>Koble til teamets server</translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation>Åpner dataene dine …</translation>
    </message>
    <message>
        <source>ContractDesk cannot open your data</source>
        <translation>ContractDesk kan ikke åpne dataene dine</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Gjenopprett fra sikkerhetskopi…</translation>
    </message>
    <message>
        <source>Your data is damaged</source>
        <translation>Dataene dine er skadet</translation>
    </message>
    <message>
        <source>A check found damage in the store, so it is read-only now: nothing more is saved into it. Restore it from a backup under Settings → Security and backup.</source>
        <translation>En kontroll fant skade i lageret, så det er skrivebeskyttet nå: ingenting mer lagres i det. Gjenopprett det fra en sikkerhetskopi under Innstillinger → Sikkerhet og sikkerhetskopi.</translation>
    </message>
    <message>
        <source>Recovery sheet</source>
        <translation>Gjenopprettingsark</translation>
    </message>
    <message>
        <source>Save the recovery sheet now? It holds the recovery key that opens your backups on a new computer, even without this one. Print it and keep it safe. (Later: Settings → Recovery sheet.)</source>
        <translation>Vil du lagre gjenopprettingsarket nå? Det inneholder gjenopprettingsnøkkelen som åpner sikkerhetskopiene dine på en ny datamaskin, også uten denne. Skriv det ut og oppbevar det trygt. (Senere: Innstillinger → Gjenopprettingsark.)</translation>
    </message>
    <message>
        <source>Save the recovery sheet as</source>
        <translation>Lagre gjenopprettingsarket som</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Gjenopprett fra sikkerhetskopi</translation>
    </message>
    <message>
        <source>The restore failed; nothing was changed.</source>
        <translation>Gjenopprettingen mislyktes; ingenting ble endret.</translation>
    </message>
    <message>
        <source>Restored from %1. Persons erased after this backup was made, erased again: %2.</source>
        <translation>Gjenopprettet fra %1. Personer som ble slettet etter at denne sikkerhetskopien ble laget, og som er slettet igjen: %2.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import terms</source>
        <translation>Importer avtalevilkår</translation>
    </message>
    <message>
        <source>Import terms from Word</source>
        <translation>Importer vilkår fra Word</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word-dokumenter (*.docx)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstfiler (*.txt)</translation>
    </message>
    <message>
        <source>Terms text</source>
        <translation>Vilkårstekst</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <source>&amp;Planned effective date:</source>
        <translation>&amp;Planlagt gyldig fra:</translation>
    </message>
    <message>
        <source>Without a date, the date the text states is used.</source>
        <translation>Uten dato brukes datoen som står i teksten.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Betegnelse:</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>Velg filen som skal importeres.</translation>
    </message>
</context>
<context>
    <name>ImportScansDialog</name>
    <message>
        <source>Import signed pages</source>
        <translation>Importer signerte sider</translation>
    </message>
    <message>
        <source>&amp;Choose scans…</source>
        <translation>&amp;Velg skannede sider…</translation>
    </message>
    <message>
        <source>&amp;Signed on:</source>
        <translation>&amp;Signert dato:</translation>
    </message>
    <message>
        <source>Filed to their agreements:</source>
        <translation>Arkivert på avtalen sin:</translation>
    </message>
    <message>
        <source>To match by hand:</source>
        <translation>Må kobles manuelt:</translation>
    </message>
    <message>
        <source>Pages filed to their agreements</source>
        <translation>Sider arkivert på avtalen sin</translation>
    </message>
    <message>
        <source>Pages to match by hand</source>
        <translation>Sider som må kobles manuelt</translation>
    </message>
    <message>
        <source>Who signed each agreement</source>
        <translation>Hvem som signerte hver avtale</translation>
    </message>
    <message>
        <source>Who signed each agreement (the registry&apos;s signers first):</source>
        <translation>Hvem som signerte hver avtale (de signaturberettigede ifølge Enhetsregisteret først):</translation>
    </message>
    <message>
        <source>Drop scanned pages here (one PDF or many images), or choose them.</source>
        <translation>Slipp skannede sider her (én PDF eller mange bilder), eller velg dem.</translation>
    </message>
    <message>
        <source>&amp;Read pages</source>
        <translation>&amp;Les sidene</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrer</translation>
    </message>
    <message>
        <source>PDF or scan</source>
        <translation>PDF eller skann</translation>
    </message>
    <message>
        <source>%1 (a signatory by the registry)</source>
        <translation>%1 (signaturberettiget ifølge Enhetsregisteret)</translation>
    </message>
    <message>
        <source>%1 (not a signatory by the registry)</source>
        <translation>%1 (ikke signaturberettiget ifølge Enhetsregisteret)</translation>
    </message>
    <message>
        <source>%1 – %2 (%3), page(s) %4:</source>
        <translation>%1 – %2 (%3), side %4:</translation>
    </message>
    <message>
        <source>Signed %1 for %2</source>
        <translation>Signerte %1 for %2</translation>
    </message>
    <message>
        <source>No person registered at the customer</source>
        <translation>Ingen person er registrert hos kunden</translation>
    </message>
    <message>
        <source>Reading the scanned pages…</source>
        <translation>Leser de skannede sidene…</translation>
    </message>
    <message>
        <source>%1, page %2 → %3 (filed before)</source>
        <translation>%1, side %2 → %3 (arkivert før)</translation>
    </message>
    <message>
        <source>%1, page %2 → %3</source>
        <translation>%1, side %2 → %3</translation>
    </message>
    <message>
        <source>%1, page %2: %3</source>
        <translation>%1, side %2: %3</translation>
    </message>
</context>
<context>
    <name>InvoiceChart</name>
    <message>
        <source>Invoicing in the coming 12 months (excl. VAT)</source>
        <translation>Fakturering de neste 12 månedene (eks. mva.)</translation>
    </message>
    <message>
        <source>Net, invoices less credit notes</source>
        <translation>Netto, fakturaer minus kreditnotaer</translation>
    </message>
</context>
<context>
    <name>InvoicePeriod</name>
    <message>
        <source>Yearly (1 January)</source>
        <translation>Årlig (1. januar)</translation>
    </message>
    <message>
        <source>Half-yearly (2 January, 2 July)</source>
        <translation>Halvårlig (2. januar, 2. juli)</translation>
    </message>
    <message>
        <source>Quarterly (3rd of Jan, Apr, Jul, Oct)</source>
        <translation>Kvartalsvis (3. jan., apr., jul., okt.)</translation>
    </message>
    <message>
        <source>Every second month (4th of Jan, Mar, …)</source>
        <translation>Annenhver måned (4. jan., mars, …)</translation>
    </message>
    <message>
        <source>Monthly (5th of every month)</source>
        <translation>Månedlig (den 5. hver måned)</translation>
    </message>
</context>
<context>
    <name>InvoicePlanModel</name>
    <message>
        <source>Invoice date</source>
        <translation>Fakturadato</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Forfall</translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Linjer</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>MVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Kreditnota</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Collection notice from %1 (§10.2)</source>
        <translation>Inkassovarsel fra %1 (§10.2)</translation>
    </message>
</context>
<context>
    <name>InvoiceRuns</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Kunne ikke skrive %1: %2</translation>
    </message>
    <message>
        <source>The first invoice number must be 1 … %1.</source>
        <translation>Første fakturanummer må være 1 … %1.</translation>
    </message>
    <message>
        <source>The first invoice number is fixed once invoices have numbers; the series continues from the last number.</source>
        <translation>Første fakturanummer ligger fast når fakturaer har fått nummer; serien fortsetter fra siste nummer.</translation>
    </message>
    <message>
        <source>%1 is not a valid Norwegian account number.</source>
        <translation>%1 er ikke et gyldig norsk kontonummer.</translation>
    </message>
    <message>
        <source>Buyer reference</source>
        <translation>Deres referanse</translation>
    </message>
    <message>
        <source>Set the supplier&apos;s bank account number first (Settings → Invoicing, or contractdesk invoices settings --account NUMBER).</source>
        <translation>Registrer leverandørens kontonummer først (Innstillinger → Fakturering, eller contractdesk invoices settings --account NUMMER).</translation>
    </message>
    <message>
        <source>Runs start on %1 (Settings → Invoicing).</source>
        <translation>Kjøringene starter %1 (Innstillinger → Fakturering).</translation>
    </message>
    <message>
        <source>Nothing to freeze: every planned invoice up to %1 is in a run.</source>
        <translation>Ingenting å fryse: alle planlagte fakturaer til og med %1 er med i en kjøring.</translation>
    </message>
    <message>
        <source>Run %1 is undone already.</source>
        <translation>Kjøring %1 er allerede angret.</translation>
    </message>
    <message>
        <source>Run %1 has been exported and cannot be undone; correct it with credit notes in a later run.</source>
        <translation>Kjøring %1 er eksportert og kan ikke angres; rett den med kreditnotaer i en senere kjøring.</translation>
    </message>
    <message>
        <source>Undo run %1 first: only the newest run can be undone.</source>
        <translation>Angre kjøring %1 først: bare den nyeste kjøringen kan angres.</translation>
    </message>
    <message>
        <source>Unknown export format %1.</source>
        <translation>Ukjent eksportformat %1.</translation>
    </message>
    <message>
        <source>Run %1 is undone; there is nothing to export.</source>
        <translation>Kjøring %1 er angret; det er ingenting å eksportere.</translation>
    </message>
    <message>
        <source>Run %1 has drafts without numbers; import the accounting system&apos;s receipt first.</source>
        <translation>Kjøring %1 har utkast uten nummer; les inn kvitteringen fra regnskapssystemet først.</translation>
    </message>
    <message>
        <source>Could not read the receipt %1: %2</source>
        <translation>Kunne ikke lese kvitteringen %1: %2</translation>
    </message>
    <message>
        <source>Run %1 is not waiting for numbers from the accounting system.</source>
        <translation>Kjøring %1 venter ikke på numre fra regnskapssystemet.</translation>
    </message>
    <message>
        <source>The receipt names documents that are not drafts of run %1: %2</source>
        <translation>Kvitteringen nevner dokumenter som ikke er utkast i kjøring %1: %2</translation>
    </message>
    <message>
        <source>Invoice numbers in the receipt are taken already: %1</source>
        <translation>Fakturanumre i kvitteringen er allerede i bruk: %1</translation>
    </message>
    <message>
        <source>Enter the supplier&apos;s details in Settings first.</source>
        <translation>Fyll inn leverandørens opplysninger under Innstillinger først.</translation>
    </message>
    <message>
        <source>Customer %1 was removed while the run was made; run it again.</source>
        <translation>Kunde %1 ble fjernet mens kjøringen ble laget; kjør den på nytt.</translation>
    </message>
    <message>
        <source>No invoice run with id %1.</source>
        <translation>Finner ingen fakturakjøring med id %1.</translation>
    </message>
</context>
<context>
    <name>InvoiceRunsPanel</name>
    <message>
        <source>Invoice runs</source>
        <translation>Fakturakjøringer</translation>
    </message>
    <message>
        <source>A run freezes every planned invoice dated up to the chosen day that no run holds yet, numbers it and gives it a KID. Frozen invoices never change; corrections are credit notes in a later run. A run can be undone until it is exported.</source>
        <translation>En kjøring fryser alle planlagte fakturaer datert til og med valgt dag som ingen kjøring har ennå, nummererer dem og gir dem KID. Frosne fakturaer endres aldri; rettelser er kreditnotaer i en senere kjøring. En kjøring kan angres til den er eksportert.</translation>
    </message>
    <message>
        <source>Invoices &amp;up to</source>
        <translation>Fakturaer &amp;til og med</translation>
    </message>
    <message>
        <source>&amp;Freeze run</source>
        <translation>&amp;Frys kjøring</translation>
    </message>
    <message>
        <source>E&amp;HF…</source>
        <translation>E&amp;HF …</translation>
    </message>
    <message>
        <source>P&amp;DF…</source>
        <translation>P&amp;DF …</translation>
    </message>
    <message>
        <source>C&amp;SV…</source>
        <translation>C&amp;SV …</translation>
    </message>
    <message>
        <source>&amp;PowerOffice Go…</source>
        <translation>&amp;PowerOffice Go …</translation>
    </message>
    <message>
        <source>Customer &amp;register…</source>
        <translation>Kunde&amp;register …</translation>
    </message>
    <message>
        <source>&amp;Undo run…</source>
        <translation>&amp;Angre kjøring …</translation>
    </message>
    <message>
        <source>Import &amp;receipt…</source>
        <translation>Les inn &amp;kvittering …</translation>
    </message>
    <message>
        <source>Read the invoice numbers the accounting system gave this run&apos;s drafts</source>
        <translation>Les inn fakturanumrene regnskapssystemet ga utkastene i denne kjøringen</translation>
    </message>
    <message>
        <source>The invoice run failed: %1</source>
        <translation>Fakturakjøringen mislyktes: %1</translation>
    </message>
    <message>
        <source>numbers %1–%2</source>
        <translation>nummer %1–%2</translation>
    </message>
    <message>
        <source>numbers from the accounting system</source>
        <translation>nummer fra regnskapssystemet</translation>
    </message>
    <message>
        <source>Run %1 frozen: %2, %3; %4.</source>
        <translation>Kjøring %1 frosset: %2, %3; %4.</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n faktura</numerusform>
            <numerusform>%n fakturaer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit note(s)</source>
        <translation>
            <numerusform>%n kreditnota</numerusform>
            <numerusform>%n kreditnotaer</numerusform>
        </translation>
    </message>
    <message>
        <source>Export run to folder</source>
        <translation>Eksporter kjøring til mappe</translation>
    </message>
    <message>
        <source>Export run</source>
        <translation>Eksporter kjøring</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Run %1 exported: %2 to %3.</source>
        <translation>Kjøring %1 eksportert: %2 til %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fil</numerusform>
            <numerusform>%n filer</numerusform>
        </translation>
    </message>
    <message>
        <source>Import receipt</source>
        <translation>Les inn kvittering</translation>
    </message>
    <message>
        <source>Run %1: %2 recorded.</source>
        <translation>Kjøring %1: %2 registrert.</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice number(s)</source>
        <translation>
            <numerusform>%n fakturanummer</numerusform>
            <numerusform>%n fakturanumre</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo run</source>
        <translation>Angre kjøring</translation>
    </message>
    <message>
        <source>Undo run %1? Its invoices and credit notes are deleted and their numbers are used again by the next run.</source>
        <translation>Angre kjøring %1? Fakturaene og kreditnotaene slettes, og numrene brukes på nytt av neste kjøring.</translation>
    </message>
    <message>
        <source>Run %1 undone (%2).</source>
        <translation>Kjøring %1 angret (%2).</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n dokument</numerusform>
            <numerusform>%n dokumenter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoicingSettingsBox</name>
    <message>
        <source>Invoicing</source>
        <translation>Fakturering</translation>
    </message>
    <message>
        <source>ContractDesk numbers invoices (with KID)</source>
        <translation>ContractDesk nummererer fakturaene (med KID)</translation>
    </message>
    <message>
        <source>The accounting system numbers invoices</source>
        <translation>Regnskapssystemet nummererer fakturaene</translation>
    </message>
    <message>
        <source>&amp;Numbering</source>
        <translation>&amp;Nummerering</translation>
    </message>
    <message>
        <source>&amp;First invoice number</source>
        <translation>&amp;Første fakturanummer</translation>
    </message>
    <message>
        <source>&amp;Bank account</source>
        <translation>&amp;Kontonummer</translation>
    </message>
    <message>
        <source>Registered in Foretaksregisteret (printed on invoices)</source>
        <translation>Registrert i Foretaksregisteret (står på fakturaene)</translation>
    </message>
    <message>
        <source>Save &amp;invoicing</source>
        <translation>Lagre &amp;fakturering</translation>
    </message>
    <message>
        <source>Runs take invoices &amp;dated from</source>
        <translation>Kjøringene tar fakturaer &amp;datert fra</translation>
    </message>
    <message>
        <source>Planned invoices dated earlier were invoiced outside ContractDesk</source>
        <translation>Planlagte fakturaer med tidligere dato ble fakturert utenfor ContractDesk</translation>
    </message>
    <message>
        <source>Set once: fixed as soon as the first invoice has its number.</source>
        <translation>Settes én gang: ligger fast så snart første faktura har fått nummer.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
</context>
<context>
    <name>IssueCheckDialog</name>
    <message>
        <source>Before issuing</source>
        <translation>Før utstedelse</translation>
    </message>
    <message>
        <source>Check these before the agreement is issued. They are for you: the customer&apos;s document does not mention them.</source>
        <translation>Kontroller dette før avtalen utstedes. Det er til deg: kundens dokument nevner det ikke.</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Problemer funnet</translation>
    </message>
    <message>
        <source>&amp;Issue anyway</source>
        <translation>&amp;Utsted likevel</translation>
    </message>
    <message>
        <source>The agreement cannot be issued as things are: put right what is listed.</source>
        <translation>Avtalen kan ikke utstedes slik det er nå: rett opp det som står i listen.</translation>
    </message>
    <message>
        <source>&amp;Cancel: issue nothing</source>
        <translation>&amp;Avbryt: utsted ingenting</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
</context>
<context>
    <name>LogRequestDialog</name>
    <message>
        <source>Log a request</source>
        <translation>Registrer en henvendelse</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Henvendelse</translation>
    </message>
    <message>
        <source>Re&amp;ceived</source>
        <translation>&amp;Mottatt</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>Mer&amp;knad</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå til</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Sider</translation>
    </message>
    <message>
        <source>&amp;About ContractDesk</source>
        <translation>&amp;Om ContractDesk</translation>
    </message>
    <message>
        <source>&amp;Help for this page</source>
        <translation>&amp;Hjelp for denne siden</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>&amp;Ny kunde …</translation>
    </message>
    <message>
        <source>&amp;Move to a team server…</source>
        <translation>&amp;Flytt til en server for teamet…</translation>
    </message>
    <message>
        <source>&amp;Who is this?…</source>
        <translation>&amp;Hvem er dette?…</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>Åpner datafilen…</translation>
    </message>
    <message>
        <source>unlocked by the system keyring</source>
        <translation>låst opp med systemets nøkkelring</translation>
    </message>
    <message>
        <source>unlocked by passphrase</source>
        <translation>låst opp med passordfrase</translation>
    </message>
    <message>
        <source>demo data (discarded on exit)</source>
        <translation>demodata (forkastes ved avslutning)</translation>
    </message>
    <message>
        <source>the team&apos;s server</source>
        <translation>teamets server</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Data: %1</translation>
    </message>
    <message>
        <source>Data file: %1</source>
        <translation>Datafil: %1</translation>
    </message>
    <message>
        <source>About ContractDesk</source>
        <translation>Om ContractDesk</translation>
    </message>
    <message>
        <source>ContractDesk %1
Customers, terms and signable agreements.</source>
        <translation>ContractDesk %1
Kunder, avtalevilkår og avtaler klare til signering.</translation>
    </message>
</context>
<context>
    <name>ManualEntryForm</name>
    <message>
        <source>The customer is saved as “not verified”. Refresh it when the registry can be reached: the registry&apos;s data then replaces what is typed here.</source>
        <translation>Kunden lagres som «ikke kontrollert». Oppdater kunden når Enhetsregisteret kan nås: opplysningene derfra erstatter da det som er skrevet inn her.</translation>
    </message>
    <message>
        <source>&amp;Organisation number</source>
        <translation>&amp;Organisasjonsnummer</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>Address line &amp;2</source>
        <translation>Adresselinje &amp;2</translation>
    </message>
    <message>
        <source>&amp;Postcode</source>
        <translation>&amp;Postnummer</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>Post&amp;sted</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>Where do you keep your data?</source>
        <translation>Hvor vil du ha dataene?</translation>
    </message>
    <message>
        <source>&amp;Only on this computer</source>
        <translation>&amp;Alene på denne maskinen</translation>
    </message>
    <message>
        <source>Only on this computer</source>
        <translation>Alene på denne maskinen</translation>
    </message>
    <message>
        <source>One person: the data is kept encrypted on this computer. You can move it to a team server later.</source>
        <translation>Én person: dataene lagres kryptert på denne maskinen. Du kan flytte dem til en server for teamet senere.</translation>
    </message>
    <message>
        <source>&amp;Shared with the team</source>
        <translation>&amp;Delt med teamet</translation>
    </message>
    <message>
        <source>Shared with the team</source>
        <translation>Delt med teamet</translation>
    </message>
    <message>
        <source>Several people: the data is kept on your team&apos;s PostgreSQL server (version 15 or newer), and everyone sees each other&apos;s changes.</source>
        <translation>Flere personer: dataene ligger på teamets PostgreSQL-server (versjon 15 eller nyere), og alle ser hverandres endringer.</translation>
    </message>
</context>
<context>
    <name>MonthTotalsModel</name>
    <message>
        <source>Month</source>
        <translation>Måned</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturaer</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Kreditnotaer</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>MVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
</context>
<context>
    <name>MoveToServerWizard</name>
    <message>
        <source>Move to a team server</source>
        <translation>Flytt til en server for teamet</translation>
    </message>
    <message>
        <source>An empty database on your team&apos;s PostgreSQL server (15 or newer); ask whoever runs the server to create one for ContractDesk.</source>
        <translation>En tom database på teamets PostgreSQL-server (15 eller nyere); be den som drifter serveren, om å opprette en for ContractDesk.</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Kopierer …</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopper …</translation>
    </message>
    <message>
        <source>Copying and checking: %1</source>
        <translation>Kopierer og kontrollerer: %1</translation>
    </message>
    <message>
        <source>Done: %1 rows in %2 tables are on the server, and every table has the same content as here. The data on this computer was not changed.</source>
        <translation>Ferdig: %1 rader i %2 tabeller ligger på serveren, og hver tabell har samme innhold som her. Dataene på denne maskinen ble ikke endret.</translation>
    </message>
    <message>
        <source>The move was stopped; nothing was saved on the server.</source>
        <translation>Flyttingen ble stoppet; ingenting ble lagret på serveren.</translation>
    </message>
</context>
<context>
    <name>NewAgreementDialog</name>
    <message>
        <source>New agreement</source>
        <translation>Ny avtale</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Terms version:</source>
        <translation>&amp;Vilkårsversjon:</translation>
    </message>
    <message>
        <source>Choose the customer and the terms version.</source>
        <translation>Velg kunde og vilkårsversjon.</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <source>Mark notified</source>
        <translation>Merk som varslet</translation>
    </message>
    <message>
        <source>e.g. e-mail to the main contact</source>
        <translation>f.eks. e-post til hovedkontakten</translation>
    </message>
    <message>
        <source>&amp;Notified on:</source>
        <translation>&amp;Varslet den:</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>&amp;Hvordan:</translation>
    </message>
</context>
<context>
    <name>OrgNumber</name>
    <message>
        <source>An organisation number has 9 digits</source>
        <translation>Et organisasjonsnummer har 9 sifre</translation>
    </message>
    <message>
        <source>An organisation number starts with 8 or 9</source>
        <translation>Et organisasjonsnummer begynner med 8 eller 9</translation>
    </message>
    <message>
        <source>The organisation number&apos;s check digit is wrong</source>
        <translation>Kontrollsifferet i organisasjonsnummeret er feil</translation>
    </message>
</context>
<context>
    <name>OrgNumberHint</name>
    <message>
        <source>An organisation number has 9 digits.</source>
        <translation>Et organisasjonsnummer har 9 sifre.</translation>
    </message>
    <message>
        <source>An organisation number starts with 8 or 9.</source>
        <translation>Et organisasjonsnummer begynner med 8 eller 9.</translation>
    </message>
    <message>
        <source>The check digit is wrong: check the number.</source>
        <translation>Kontrollsifferet er feil: sjekk nummeret.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Drafted, not sent</source>
        <translation>Utkast, ikke sendt</translation>
    </message>
    <message>
        <source>Sent, not returned after 14 days</source>
        <translation>Sendt, ikke returnert etter 14 dager</translation>
    </message>
    <message>
        <source>New terms: notices (§14)</source>
        <translation>Nye vilkår: varsler (§14)</translation>
    </message>
    <message>
        <source>Binding periods ending within 60 days</source>
        <translation>Bindingstid som går ut innen 60 dager</translation>
    </message>
    <message>
        <source>Price changes to announce by 1 October</source>
        <translation>Prisendringer som må varsles innen 1. oktober</translation>
    </message>
    <message>
        <source>Data-subject requests</source>
        <translation>Henvendelser om personopplysninger</translation>
    </message>
    <message>
        <source>Registry warnings</source>
        <translation>Varsler fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Invoices in the next 30 days</source>
        <translation>Fakturaer de neste 30 dagene</translation>
    </message>
    <message>
        <source>Ordering without accepted terms</source>
        <translation>Bestilt uten godtatte vilkår</translation>
    </message>
    <message>
        <source>Breaches: report within 72 hours</source>
        <translation>Brudd: meld innen 72 timer</translation>
    </message>
    <message>
        <source>Due for deletion</source>
        <translation>Klart til sletting</translation>
    </message>
    <message>
        <source>Invoices waiting for a run</source>
        <translation>Fakturaer som venter på en kjøring</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Waiting for signature</source>
        <translation>Venter på signatur</translation>
    </message>
    <message>
        <source>Notify by</source>
        <translation>Varsle innen</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>Aksept innen</translation>
    </message>
    <message>
        <source>Deadline passed</source>
        <translation>Fristen er ute</translation>
    </message>
    <message>
        <source>Binding ends</source>
        <translation>Bindingstiden slutter</translation>
    </message>
    <message>
        <source>Announce by</source>
        <translation>Varsle innen</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>Svar innen</translation>
    </message>
    <message>
        <source>Deleted in the registry</source>
        <translation>Slettet i Enhetsregisteret</translation>
    </message>
    <message>
        <source>Removed from the registry</source>
        <translation>Fjernet fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>Bankrupt</source>
        <translation>Konkurs</translation>
    </message>
    <message>
        <source>Being dissolved</source>
        <translation>Under avvikling</translation>
    </message>
    <message>
        <source>A signatory has left</source>
        <translation>En signaturberettiget har gått ut</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Kreditnota</translation>
    </message>
    <message>
        <source>Terms not accepted</source>
        <translation>Vilkår ikke godtatt</translation>
    </message>
    <message>
        <source>Report by</source>
        <translation>Meld innen</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>Forfalt siden</translation>
    </message>
    <message>
        <source>%1 (too late)</source>
        <translation>%1 (for sent)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Oversikt</translation>
    </message>
    <message>
        <source>Could not read the overview: %1</source>
        <translation>Kunne ikke lese oversikten: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Åpne %1</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2.</source>
        <translation>Viser de første %1 av %2.</translation>
    </message>
    <message>
        <source>Nothing here needs your attention.</source>
        <translation>Ingenting her trenger oppmerksomheten din.</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <source>Services &amp; invoicing</source>
        <translation>Tjenester og fakturering</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Personvern</translation>
    </message>
    <message>
        <source>What needs your attention today, %1</source>
        <translation>Dette trenger oppmerksomheten din i dag, %1</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <source>Read the counts again</source>
        <translation>Les tallene på nytt</translation>
    </message>
    <message>
        <source>The list behind the chosen card</source>
        <translation>Listen bak det valgte kortet</translation>
    </message>
</context>
<context>
    <name>PageHelp</name>
    <message>
        <source>Help: %1</source>
        <translation>Hjelp: %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Oversikt</translation>
    </message>
    <message>
        <source>The overview shows what needs your attention today. Each card counts one kind of task: agreements not sent or not returned, notices of new terms, binding periods that end soon, price changes to announce by 1 October, requests from people about their data, warnings from the registry and the invoices of the next 30 days.

Click a card to see the list behind it. Double-click a line (or press Enter) to open the customer. “Open …” takes you to the page where the task is done.</source>
        <translation>Oversikten viser hva som trenger oppmerksomheten din i dag. Hvert kort teller én type oppgave: avtaler som ikke er sendt eller ikke kommet tilbake, varsler om nye vilkår, bindingstider som snart går ut, prisendringer som må varsles innen 1. oktober, henvendelser fra personer om opplysningene sine, varsler fra Enhetsregisteret og fakturaene de neste 30 dagene.

Klikk på et kort for å se listen bak det. Dobbeltklikk på en linje (eller trykk Enter) for å åpne kunden. «Åpne …» tar deg til siden der oppgaven gjøres.</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>Your customers, found by name, organisation number, municipality or contact. Add a customer with Ctrl+N: type its organisation number or name and the details are fetched from the Brønnøysund registry. Press Enter on a customer to open its card with people, services and agreements. F5 fetches the selected customer from the registry again.</source>
        <translation>Kundene dine, søkbare på navn, organisasjonsnummer, kommune eller kontakt. Legg til en kunde med Ctrl+N: skriv organisasjonsnummeret eller navnet, så hentes opplysningene fra Brønnøysundregistrene. Trykk Enter på en kunde for å åpne kundekortet med personer, tjenester og avtaler. F5 henter den valgte kunden på nytt fra registeret.</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <source>Who accepted which version of your terms, when and how, with the signed scan. When you publish new terms, the re-acceptance tab lists every customer to notify and the last day to accept (§14). The agreements tab makes, previews, prints and e-mails the agreement documents.</source>
        <translation>Hvem som har akseptert hvilken versjon av vilkårene, når og hvordan, med den signerte skanningen. Når du publiserer nye vilkår, viser fanen for ny aksept hver kunde som skal varsles og siste dag for aksept (§14). Fanen Avtaler lager, forhåndsviser, skriver ut og sender avtaledokumentene på e-post.</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Vilkår</translation>
    </message>
    <message>
        <source>The versions of your terms of agreement with the data processing agreement. Import or copy a version to edit it as a draft, compare two versions, check the data processing agreement against the GDPR list, and publish it with the day it takes effect. A published version never changes.</source>
        <translation>Versjonene av avtalevilkårene dine med databehandleravtalen. Importer eller kopier en versjon for å redigere den som utkast, sammenlign to versjoner, kontroller databehandleravtalen mot kravene i personvernforordningen, og publiser den med datoen den trer i kraft. En publisert versjon endres aldri.</translation>
    </message>
    <message>
        <source>Services &amp; invoicing</source>
        <translation>Tjenester og fakturering</translation>
    </message>
    <message>
        <source>What each customer buys: licences, one-off work and usage such as SMS. The plan shows the invoices the terms give, month by month, and exports them for your accounting program. A termination shows what it does to the plan before you save it.</source>
        <translation>Hva hver kunde kjøper: lisenser, engangsarbeid og forbruk som SMS. Planen viser fakturaene vilkårene gir, måned for måned, og eksporterer dem til regnskapsprogrammet ditt. En oppsigelse viser hva den gjør med planen før du lagrer den.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Your business details as they appear on the agreements, the language of the program, and how e-mail is sent.</source>
        <translation>Opplysningene om virksomheten din slik de står på avtalene, språket i programmet, og hvordan e-post sendes.</translation>
    </message>
</context>
<context>
    <name>PaperService</name>
    <message>
        <source>Choose the customers first.</source>
        <translation>Velg kundene først.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Skriv ut…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Lagre som…</translation>
    </message>
    <message>
        <source>The printer could not start: %1</source>
        <translation>Utskriften kunne ikke starte: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n side</numerusform>
            <numerusform>%n sider</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n side sendt til skriveren.</numerusform>
            <numerusform>%n sider sendt til skriveren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the agreement</source>
        <translation>Lagre avtalen</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Ikke lagret: %1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Lagret som %1.</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>Added %1.</source>
        <translation>La til %1.</translation>
    </message>
    <message>
        <source>Added from the registry.</source>
        <translation>Lagt til fra Enhetsregisteret.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <source>Removed from this customer.</source>
        <translation>Fjernet fra denne kunden.</translation>
    </message>
    <message>
        <source>Main contact changed.</source>
        <translation>Hovedkontakt endret.</translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation>Samtykke registrert.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Eksportert til %1.</translation>
    </message>
    <message>
        <source>Erased. The id and history are kept. Backups made before now still hold the data until they are deleted on schedule; restoring one erases the person again.</source>
        <translation>Slettet. ID og historikk beholdes. Sikkerhetskopier laget før nå inneholder fortsatt opplysningene til de slettes etter planen; gjenoppretting av en av dem sletter personen igjen.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation>&amp;Legg til person…</translation>
    </message>
    <message>
        <source>From the &amp;registry…</source>
        <translation>Fra &amp;Enhetsregisteret…</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>&amp;Rett opp…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Fjer&amp;n…</translation>
    </message>
    <message>
        <source>Make &amp;main contact…</source>
        <translation>Gjør til &amp;hovedkontakt…</translation>
    </message>
    <message>
        <source>C&amp;onsent…</source>
        <translation>Sa&amp;mtykke…</translation>
    </message>
    <message>
        <source>E&amp;xport data…</source>
        <translation>Eksporter &amp;data…</translation>
    </message>
    <message>
        <source>&amp;Erase…</source>
        <translation>Sle&amp;tt…</translation>
    </message>
    <message>
        <source>Erase this person&apos;s personal data (data-subject request)</source>
        <translation>Slett personopplysningene til denne personen (henvendelse fra den registrerte)</translation>
    </message>
    <message>
        <source>Re&amp;quests…</source>
        <translation>Hen&amp;vendelser…</translation>
    </message>
    <message>
        <source>Data-subject requests (the selected person&apos;s, or all) and their deadlines</source>
        <translation>Henvendelser fra registrerte (den valgte personens, eller alle) og fristene for dem</translation>
    </message>
    <message>
        <source>Choose a person from the list.</source>
        <translation>Velg en person i listen.</translation>
    </message>
    <message>
        <source>Who asked to remove %1 from this customer? Only the main contact, a signatory or the general manager may (§8.1.1); a person may always ask to be removed themselves.</source>
        <translation>Hvem ba om å fjerne %1 fra denne kunden? Bare hovedkontakten, en signaturberettiget eller daglig leder kan be om det (§8.1.1); en person kan alltid selv be om å bli fjernet.</translation>
    </message>
    <message>
        <source>Who asked to make %1 the main contact? Once the customer has a main contact, only the main contact, a signatory or the general manager may change it (§7.2, §8.1.1).</source>
        <translation>Hvem ba om å gjøre %1 til hovedkontakt? Når kunden har en hovedkontakt, kan bare hovedkontakten, en signaturberettiget eller daglig leder endre den (§7.2, §8.1.1).</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>Eksporter personopplysninger</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Ikke eksportert: %1</translation>
    </message>
    <message>
        <source>Erased. The id and history are kept.</source>
        <translation>Slettet. Id-en og historikken beholdes.</translation>
    </message>
    <message>
        <source>Choose a customer first.</source>
        <translation>Velg en kunde først.</translation>
    </message>
</context>
<context>
    <name>PeopleRoles</name>
    <message>
        <source>Main contact</source>
        <translation>Hovedkontakt</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Signaturberettiget</translation>
    </message>
    <message>
        <source>General manager</source>
        <translation>Daglig leder</translation>
    </message>
    <message>
        <source>Erased person</source>
        <translation>Slettet person</translation>
    </message>
</context>
<context>
    <name>PeopleRules</name>
    <message>
        <source>Unknown role %1: use one of %2.</source>
        <translation>Ukjent rolle %1: bruk en av %2.</translation>
    </message>
    <message>
        <source>%1 has %2 main contacts; exactly one is allowed.</source>
        <translation>%1 har %2 hovedkontakter; det skal være nøyaktig én.</translation>
    </message>
    <message>
        <source>%1 has people but no main contact.</source>
        <translation>%1 har personer, men ingen hovedkontakt.</translation>
    </message>
    <message>
        <source>Person %1 holds the role %2 twice at %3.</source>
        <translation>Person %1 har rollen %2 to ganger hos %3.</translation>
    </message>
    <message>
        <source>%1 must be requested by the main contact, a signatory or the general manager of %2 (§8.1.1): say who asked.</source>
        <translation>%1 krever forespørsel fra hovedkontakten, en signaturberettiget eller daglig leder hos %2 (§8.1.1): oppgi hvem som ba om det.</translation>
    </message>
    <message>
        <source>Person %1 may not ask for this: only the main contact, a signatory or the general manager of %2 may (%3, §8.1.1).</source>
        <translation>Person %1 kan ikke be om dette: bare hovedkontakten, en signaturberettiget eller daglig leder hos %2 kan det (%3, §8.1.1).</translation>
    </message>
    <message>
        <source>Person %1 is already %2 at %3.</source>
        <translation>Person %1 er allerede %2 hos %3.</translation>
    </message>
    <message>
        <source>Adding an approved contact</source>
        <translation>Å legge til en godkjent kontakt</translation>
    </message>
    <message>
        <source>Person %1 is not %2 at %3.</source>
        <translation>Person %1 er ikke %2 hos %3.</translation>
    </message>
    <message>
        <source>The main contact of %1 cannot be removed without naming the next (set another person as main contact first).</source>
        <translation>Hovedkontakten for %1 kan ikke fjernes uten at en ny utpekes (gjør en annen person til hovedkontakt først).</translation>
    </message>
    <message>
        <source>Person %1 is already the main contact of %2.</source>
        <translation>Person %1 er allerede hovedkontakt for %2.</translation>
    </message>
    <message>
        <source>Changing the main contact of %1 must be requested by the main contact, a signatory or the general manager (§7.2, §8.1.1): say who asked.</source>
        <translation>Bytte av hovedkontakt for %1 krever forespørsel fra hovedkontakten, en signaturberettiget eller daglig leder (§7.2, §8.1.1): oppgi hvem som ba om det.</translation>
    </message>
    <message>
        <source>Person %1 may not change the main contact of %2: only the main contact, a signatory or the general manager may (§7.2, §8.1.1).</source>
        <translation>Person %1 kan ikke bytte hovedkontakt for %2: bare hovedkontakten, en signaturberettiget eller daglig leder kan det (§7.2, §8.1.1).</translation>
    </message>
    <message>
        <source>Removing an approved contact</source>
        <translation>Å fjerne en godkjent kontakt</translation>
    </message>
    <message>
        <source>Naming the next main contact</source>
        <translation>Å utpeke neste hovedkontakt</translation>
    </message>
</context>
<context>
    <name>PeopleService</name>
    <message>
        <source>E-mail: at most %1 addresses.</source>
        <translation>E-post: høyst %1 adresser.</translation>
    </message>
    <message>
        <source>%1: text direction characters are not allowed.</source>
        <translation>%1: tegn for tekstretning er ikke tillatt.</translation>
    </message>
    <message>
        <source>Organisation number: %1</source>
        <translation>Organisasjonsnummer: %1</translation>
    </message>
    <message>
        <source>The main contact of %1 was erased: a signatory or the general manager names the next.</source>
        <translation>Hovedkontakten for %1 ble slettet: en signaturberettiget eller daglig leder utpeker den neste.</translation>
    </message>
    <message>
        <source>Person %1 has no role at %2.</source>
        <translation>Person %1 har ingen rolle hos %2.</translation>
    </message>
    <message>
        <source>A consent is given or withdrawn today or earlier (from %1), not %2.</source>
        <translation>Et samtykke gis eller trekkes tilbake i dag eller tidligere (fra %1), ikke %2.</translation>
    </message>
    <message>
        <source>A request is received today or earlier (from %1), not %2.</source>
        <translation>En henvendelse er mottatt i dag eller tidligere (fra %1), ikke %2.</translation>
    </message>
    <message>
        <source>No data-subject request %1.</source>
        <translation>Finner ingen henvendelse %1.</translation>
    </message>
    <message>
        <source>Request %1 was already done on %2.</source>
        <translation>Henvendelse %1 ble allerede behandlet %2.</translation>
    </message>
    <message>
        <source>The next main contact must be someone other than the erased person.</source>
        <translation>Neste hovedkontakt må være en annen enn den slettede personen.</translation>
    </message>
    <message>
        <source>Person %1 is not the main contact of %2.</source>
        <translation>Person %1 er ikke hovedkontakt for %2.</translation>
    </message>
    <message>
        <source>No person with id %1.</source>
        <translation>Finner ingen person med id %1.</translation>
    </message>
    <message>
        <source>%1 (person %2) was erased.</source>
        <translation>%1 (person %2) ble slettet.</translation>
    </message>
    <message>
        <source>Person %1 was erased.</source>
        <translation>Person %1 ble slettet.</translation>
    </message>
    <message>
        <source>Unknown consent %1: use one of %2.</source>
        <translation>Ukjent samtykke %1: bruk ett av %2.</translation>
    </message>
    <message>
        <source>Unknown request kind %1: use one of %2.</source>
        <translation>Ukjent type henvendelse %1: bruk en av %2.</translation>
    </message>
    <message>
        <source>The person who asked</source>
        <translation>Personen som ba om det</translation>
    </message>
    <message>
        <source>That registry role holder is not a person at this customer; fetch the roles again.</source>
        <translation>Denne rolleinnehaveren i Enhetsregisteret er ikke en person hos denne kunden; hent rollene på nytt.</translation>
    </message>
    <message>
        <source>The new main contact</source>
        <translation>Den nye hovedkontakten</translation>
    </message>
</context>
<context>
    <name>PeopleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roller</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Kan</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Since %1, requested by person %2</source>
        <translation>Siden %1, etter forespørsel fra person %2</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontakte</translation>
    </message>
    <message>
        <source>order</source>
        <translation>bestille</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>signere</translation>
    </message>
    <message>
        <source>manage contacts</source>
        <translation>legge til/fjerne kontakter</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Correct person</source>
        <translation>Rett opp personopplysninger</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Legg til person</translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation>Én adresse per linje</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Fornavn</translation>
    </message>
    <message>
        <source>&amp;Middle name</source>
        <translation>&amp;Mellomnavn</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Etternavn</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Tittel</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>Te&amp;lefon</translation>
    </message>
    <message>
        <source>M&amp;obile</source>
        <translation>M&amp;obil</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>E-&amp;post</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <source>Re&amp;quested by</source>
        <translation>Forespurt &amp;av</translation>
    </message>
</context>
<context>
    <name>PlanRunStateModel</name>
    <message>
        <source>Planned: not in an invoice run yet</source>
        <translation>Planlagt: ikke med i en fakturakjøring ennå</translation>
    </message>
    <message>
        <source>Frozen in an invoice run</source>
        <translation>Frosset i en fakturakjøring</translation>
    </message>
    <message>
        <source>Frozen and exported to accounting</source>
        <translation>Frosset og eksportert til regnskapet</translation>
    </message>
</context>
<context>
    <name>PriceDialog</name>
    <message>
        <source>Adjust price: %1</source>
        <translation>Juster pris: %1</translation>
    </message>
    <message>
        <source>Adjust price</source>
        <translation>Juster pris</translation>
    </message>
    <message>
        <source>Current price</source>
        <translation>Nåværende pris</translation>
    </message>
    <message>
        <source>&amp;New price excl. VAT</source>
        <translation>&amp;Ny pris eks. mva.</translation>
    </message>
    <message>
        <source>&amp;Effective from</source>
        <translation>&amp;Gjelder fra</translation>
    </message>
    <message>
        <source>&amp;Announced on</source>
        <translation>&amp;Varslet den</translation>
    </message>
</context>
<context>
    <name>PriceRules</name>
    <message>
        <source>Prices may be adjusted at most once a year (§13.1); %1 already has an adjustment effective %2.</source>
        <translation>Prisen kan justeres høyst én gang i året (§13.1); %1 har allerede en justering fra %2.</translation>
    </message>
    <message>
        <source>An adjustment effective %1 must be announced by %2 (§13.1); it was announced %3.</source>
        <translation>En justering som gjelder fra %1, må varsles innen %2 (§13.1); den ble varslet %3.</translation>
    </message>
    <message>
        <source>The change of %1 % exceeds the index change of %2 %; a larger change is a business-model change that must be announced 12 months ahead (§13.1).</source>
        <translation>Endringen på %1 % er større enn indeksendringen på %2 %; en større endring er en endring av forretningsmodellen og må varsles 12 måneder i forveien (§13.1).</translation>
    </message>
    <message>
        <source>The consumer price index for %1 and %2 is needed; add it with the year&apos;s annual average from Statistics Norway.</source>
        <translation>Konsumprisindeksen for %1 og %2 trengs; legg den inn med årsgjennomsnittet fra Statistisk sentralbyrå.</translation>
    </message>
    <message>
        <source>An increase above the index is a business-model change: announce it at least 12 months ahead (by %1 for %2; §13.1).</source>
        <translation>En økning over indeksen er en endring av forretningsmodell: varsle den minst 12 måneder i forkant (innen %1 for %2; §13.1).</translation>
    </message>
    <message>
        <source>The increase of %1 % is more than 10 % above the index (%2 %): phase it in over several years (§13.1).</source>
        <translation>Økningen på %1 % er mer enn 10 % over indeksen (%2 %): fas den inn over flere år (§13.1).</translation>
    </message>
</context>
<context>
    <name>PrintFlow</name>
    <message>
        <source>The printer could not start: %1</source>
        <translation>Skriveren kunne ikke starte: %1</translation>
    </message>
    <message>
        <source>Preparing the documents…</source>
        <translation>Gjør klar dokumentene …</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>Skriv ut %1</translation>
    </message>
    <message>
        <source>Nothing was printed.</source>
        <translation>Ingenting ble skrevet ut.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n side sendt til skriveren.</numerusform>
            <numerusform>%n sider sendt til skriveren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing was cancelled.</source>
        <translation>Utskriften ble avbrutt.</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>Skriver ut %1 …</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>Enter the supplier&apos;s details in Settings first.</source>
        <translation>Fyll først inn leverandørens opplysninger under Innstillinger.</translation>
    </message>
    <message>
        <source>There is no published terms version to start from.</source>
        <translation>Det finnes ingen publisert vilkårsversjon å ta utgangspunkt i.</translation>
    </message>
    <message>
        <source>Terms version %1 has no DPA annex.</source>
        <translation>Vilkårsversjon %1 har ikke noe databehandleravtale-vedlegg.</translation>
    </message>
    <message>
        <source>Unknown language %1: use nb or en.</source>
        <translation>Ukjent språk %1: bruk nb eller en.</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Privacy</source>
        <translation>Personvern</translation>
    </message>
    <message>
        <source>Retention: what is due for deletion</source>
        <translation>Sletting: hva som er forfalt</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <source>Change &amp;periods…</source>
        <translation>Endre &amp;frister …</translation>
    </message>
    <message>
        <source>&amp;Delete what is due…</source>
        <translation>&amp;Slett det som er forfalt …</translation>
    </message>
    <message>
        <source>Breaches (§17.9, GDPR Art. 33)</source>
        <translation>Avvik (§17.9, personvernforordningen art. 33)</translation>
    </message>
    <message>
        <source>Record a &amp;breach…</source>
        <translation>Registrer et &amp;avvik …</translation>
    </message>
    <message>
        <source>Write &amp;notices to customers…</source>
        <translation>Skriv &amp;varsler til kundene …</translation>
    </message>
    <message>
        <source>Datatilsynet &amp;notified</source>
        <translation>Datatilsynet &amp;varslet</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumenter</translation>
    </message>
    <message>
        <source>Export &amp;records (Art. 30)…</source>
        <translation>Eksporter &amp;protokoll (art. 30) …</translation>
    </message>
    <message>
        <source>Export privacy &amp;statement…</source>
        <translation>Eksporter personvern&amp;erklæring …</translation>
    </message>
    <message>
        <source>New DPA draft (Art. 28)…</source>
        <translation>Nytt utkast til databehandleravtale (art. 28) …</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) due</source>
        <translation>
            <numerusform>%n punkt forfalt</numerusform>
            <numerusform>%n punkter forfalt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old backup(s)</source>
        <translation>
            <numerusform>%n gammel sikkerhetskopi</numerusform>
            <numerusform>%n gamle sikkerhetskopier</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete backup %1</source>
        <translation>Slett sikkerhetskopien %1</translation>
    </message>
    <message>
        <source>Delete or anonymise what is listed? This cannot be undone. Records kept as accounting evidence stay.</source>
        <translation>Slette eller anonymisere det som er listet opp? Dette kan ikke angres. Opplysninger som er regnskapsbevis, beholdes.</translation>
    </message>
    <message>
        <source>Deleted what was due: %1 item(s), %2 person(s) anonymised, %3 backup(s).</source>
        <translation>Slettet det som var forfalt: %1 punkt(er), %2 person(er) anonymisert, %3 sikkerhetskopi(er).</translation>
    </message>
    <message>
        <source>Breach %1 recorded: notify Datatilsynet within 72 hours.</source>
        <translation>Avvik %1 registrert: varsle Datatilsynet innen 72 timer.</translation>
    </message>
    <message>
        <source>Folder for the notices (.eml)</source>
        <translation>Mappe for varslene (.eml)</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) written.</source>
        <translation>
            <numerusform>%n varsel skrevet.</numerusform>
            <numerusform>%n varsler skrevet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No e-mail address for: %1</source>
        <translation>Ingen e-postadresse for: %1</translation>
    </message>
    <message>
        <source>Export records of processing</source>
        <translation>Eksporter protokoll over behandlingsaktiviteter</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export privacy statement</source>
        <translation>Eksporter personvernerklæring</translation>
    </message>
    <message>
        <source>Version %1 saved: %2</source>
        <translation>Versjon %1 lagret: %2</translation>
    </message>
    <message>
        <source>New DPA draft</source>
        <translation>Nytt utkast til databehandleravtale</translation>
    </message>
    <message>
        <source>Label of the new terms draft:</source>
        <translation>Navn på det nye vilkårsutkastet:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>Draft %1 created (DPA checklist gaps: %2). Edit and publish it on the Terms page.</source>
        <translation>Utkast %1 opprettet (mangler i sjekklisten for databehandleravtalen: %2). Rediger og publiser det på siden Vilkår.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Noe gikk galt: %1</translation>
    </message>
    <message>
        <source>Delete what is due</source>
        <translation>Slett det som er forfalt</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish %1</source>
        <translation>Publiser %1</translation>
    </message>
    <message>
        <source>&amp;Effective date:</source>
        <translation>&amp;Gyldig fra:</translation>
    </message>
    <message>
        <source>DPA checklist</source>
        <translation>Sjekkliste for databehandleravtalen</translation>
    </message>
    <message>
        <source>DPA &amp;checklist (GDPR Art. 28(3)):</source>
        <translation>Sjekkliste for &amp;DBA (GDPR art. 28 nr. 3):</translation>
    </message>
    <message>
        <source>I have read the checklist and want to &amp;publish this version anyway</source>
        <translation>Jeg har lest sjekklisten og vil &amp;publisere denne versjonen likevel</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) will be put on the re-acceptance list; notify them by %1 (§14).</source>
        <translation>
            <numerusform>%n kunde settes på listen over ny aksept; varsle kunden innen %1 (§14).</numerusform>
            <numerusform>%n kunder settes på listen over ny aksept; varsle kundene innen %1 (§14).</numerusform>
        </translation>
    </message>
    <message>
        <source>Content SHA-256: %1</source>
        <translation>SHA-256 for innholdet: %1</translation>
    </message>
    <message>
        <source>Needs confirmation: %1</source>
        <translation>Må bekreftes: %1</translation>
    </message>
    <message>
        <source>Repealed act in %1: “%2” — %3</source>
        <translation>Opphevet lov i %1: «%2» — %3</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Merk: %1</translation>
    </message>
    <message>
        <source>Sub-processors listed with this version: %1</source>
        <translation>Underleverandører oppført i denne versjonen: %1</translation>
    </message>
</context>
<context>
    <name>ReacceptanceModel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versjon</translation>
    </message>
    <message>
        <source>Notify by</source>
        <translation>Varsles innen</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>Varslet</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>Aksept innen</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akseptert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>To notify</source>
        <translation>Skal varsles</translation>
    </message>
    <message>
        <source>Overdue: termination proposed</source>
        <translation>Over fristen: oppsigelse foreslått</translation>
    </message>
    <message>
        <source>Terminated (confirmed)</source>
        <translation>Oppsagt (bekreftet)</translation>
    </message>
    <message>
        <source>notice late</source>
        <translation>varslet for sent</translation>
    </message>
</context>
<context>
    <name>RecordAcceptanceDialog</name>
    <message>
        <source>Record acceptance</source>
        <translation>Registrer aksept</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>Skannet, signert avtale</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp);;All files (*)</source>
        <translation>PDF eller bilde (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp);;Alle filer (*)</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Terms version:</source>
        <translation>&amp;Vilkårsversjon:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Metode:</translation>
    </message>
    <message>
        <source>&amp;Date accepted:</source>
        <translation>&amp;Dato akseptert:</translation>
    </message>
    <message>
        <source>&amp;Signed by:</source>
        <translation>&amp;Signert av:</translation>
    </message>
    <message>
        <source>Sc&amp;an:</source>
        <translation>Skann&amp;et avtale:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>Me&amp;rknad:</translation>
    </message>
    <message>
        <source>%1 (not at this customer)</source>
        <translation>%1 (ikke hos denne kunden)</translation>
    </message>
    <message>
        <source>Register the person who signed under the customer&apos;s people first.</source>
        <translation>Registrer først personen som signerte, blant kundens personer.</translation>
    </message>
    <message>
        <source>✓ A signatory by the registry data.</source>
        <translation>✓ Signaturberettiget ifølge registerdataene.</translation>
    </message>
    <message>
        <source>Choose the customer.</source>
        <translation>Velg kunden.</translation>
    </message>
    <message>
        <source>Choose who signed.</source>
        <translation>Velg hvem som signerte.</translation>
    </message>
    <message>
        <source>No published terms version to accept.</source>
        <translation>Ingen publisert vilkårsversjon å akseptere.</translation>
    </message>
</context>
<context>
    <name>RegistryErrors</name>
    <message>
        <source>The registry could not answer.</source>
        <translation>Enhetsregisteret kunne ikke svare.</translation>
    </message>
    <message>
        <source>This is not a valid organisation number.</source>
        <translation>Dette er ikke et gyldig organisasjonsnummer.</translation>
    </message>
    <message>
        <source>No organisation with this number was found in the registry.</source>
        <translation>Fant ingen virksomhet med dette nummeret i Enhetsregisteret.</translation>
    </message>
    <message>
        <source>This organisation has been removed from the registry&apos;s open data.</source>
        <translation>Denne virksomheten er fjernet fra Enhetsregisterets åpne data.</translation>
    </message>
    <message>
        <source>The registry refused the request.</source>
        <translation>Enhetsregisteret avviste forespørselen.</translation>
    </message>
    <message>
        <source>The registry is busy. Please try again in a moment.</source>
        <translation>Enhetsregisteret er opptatt. Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>The registry has a problem right now. Please try again later.</source>
        <translation>Enhetsregisteret har problemer akkurat nå. Prøv igjen senere.</translation>
    </message>
    <message>
        <source>The registry sent an unexpected answer (not registry data).</source>
        <translation>Enhetsregisteret sendte et uventet svar (ikke registerdata).</translation>
    </message>
    <message>
        <source>The registry sent incomplete or damaged data.</source>
        <translation>Enhetsregisteret sendte ufullstendige eller skadde data.</translation>
    </message>
    <message>
        <source>The registry&apos;s answer was unexpectedly large and was not read.</source>
        <translation>Svaret fra Enhetsregisteret var uventet stort og ble ikke lest.</translation>
    </message>
    <message>
        <source>The registry did not answer in time. Please try again, or register the customer by hand.</source>
        <translation>Enhetsregisteret svarte ikke i tide. Prøv igjen, eller registrer kunden manuelt.</translation>
    </message>
    <message>
        <source>The registry cannot be reached. You can register the customer by hand and verify later.</source>
        <translation>Enhetsregisteret kan ikke nås. Du kan registrere kunden manuelt og kontrollere den senere.</translation>
    </message>
    <message>
        <source>The registry answered with a redirect to another site, which was refused.</source>
        <translation>Enhetsregisteret svarte med en videresending til et annet nettsted, som ble avvist.</translation>
    </message>
    <message>
        <source>The registry sent an unexpected answer.</source>
        <translation>Enhetsregisteret sendte et uventet svar.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutt.</translation>
    </message>
</context>
<context>
    <name>RegistryHolderDialog</name>
    <message>
        <source>Add from the registry</source>
        <translation>Legg til fra Enhetsregisteret</translation>
    </message>
    <message>
        <source>(registered)</source>
        <translation>(registrert)</translation>
    </message>
    <message>
        <source>Role holders in the registry</source>
        <translation>Rolleinnehavere i Enhetsregisteret</translation>
    </message>
    <message>
        <source>The registry lists no persons for this customer. Refresh the customer from the registry, or add the person by hand.</source>
        <translation>Enhetsregisteret oppgir ingen personer for denne kunden. Oppdater kunden fra Enhetsregisteret, eller legg til personen manuelt.</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <source>Re&amp;quested by</source>
        <translation>Forespurt &amp;av</translation>
    </message>
</context>
<context>
    <name>RegistryMessages</name>
    <message>
        <source>You can register the customer by hand and verify it later.</source>
        <translation>Du kan registrere kunden manuelt og kontrollere den senere.</translation>
    </message>
    <message>
        <source>The registry sent an unexpected answer.</source>
        <translation>Enhetsregisteret sendte et uventet svar.</translation>
    </message>
</context>
<context>
    <name>RequestKinds</name>
    <message>
        <source>Access</source>
        <translation>Innsyn</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Retting</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>Sletting</translation>
    </message>
    <message>
        <source>Restriction</source>
        <translation>Begrensning</translation>
    </message>
    <message>
        <source>Portability</source>
        <translation>Dataportabilitet</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>Protest</translation>
    </message>
</context>
<context>
    <name>RequestLogDialog</name>
    <message>
        <source>Data-subject requests</source>
        <translation>Henvendelser fra registrerte</translation>
    </message>
    <message>
        <source>Only &amp;open requests</source>
        <translation>Bare &amp;åpne henvendelser</translation>
    </message>
    <message>
        <source>&amp;Log request…</source>
        <translation>&amp;Registrer henvendelse…</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Merk som &amp;behandlet</translation>
    </message>
    <message>
        <source>Answer each request within one month of receipt (GDPR Art. 12).</source>
        <translation>Svar på hver henvendelse innen én måned etter at den er mottatt (GDPR art. 12).</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>Request</source>
        <translation>Henvendelse</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottatt</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Merknad</translation>
    </message>
    <message>
        <source>Done %1</source>
        <translation>Behandlet %1</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>OVER FRISTEN</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpen</translation>
    </message>
</context>
<context>
    <name>RequestedByDialog</name>
    <message>
        <source>Who asked?</source>
        <translation>Hvem ba om det?</translation>
    </message>
    <message>
        <source>Keep the previous main contact as a contact person</source>
        <translation>Behold den forrige hovedkontakten som kontaktperson</translation>
    </message>
    <message>
        <source>Re&amp;quested by</source>
        <translation>Forespurt &amp;av</translation>
    </message>
    <message>
        <source>&amp;Asked on</source>
        <translation>Forespurt &amp;den</translation>
    </message>
</context>
<context>
    <name>RequesterCombo</name>
    <message>
        <source>Nobody yet (the customer&apos;s first people)</source>
        <translation>Ingen ennå (kundens første personer)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Gjenopprett fra sikkerhetskopi</translation>
    </message>
    <message>
        <source>Choose a backup file (automatic backups are named contractdesk-auto-….cdbackup) and type the recovery key from your recovery sheet, or the passphrase the backup was made with. The current data, if any, is kept as a copy in backups/.</source>
        <translation>Velg en sikkerhetskopi (automatiske sikkerhetskopier heter contractdesk-auto-….cdbackup) og skriv inn gjenopprettingsnøkkelen fra gjenopprettingsarket, eller passordet sikkerhetskopien ble laget med. Eventuelle nåværende data tas vare på som en kopi i backups/.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom…</translation>
    </message>
    <message>
        <source>Backup &amp;file</source>
        <translation>Sikkerhetskopi&amp;fil</translation>
    </message>
    <message>
        <source>Recovery &amp;key or backup passphrase</source>
        <translation>Gjenopprettings&amp;nøkkel eller passord for sikkerhetskopien</translation>
    </message>
    <message>
        <source>&amp;New passphrase for this computer</source>
        <translation>&amp;Nytt passord for denne maskinen</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Gjenopprett</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Velg en sikkerhetskopi</translation>
    </message>
    <message>
        <source>ContractDesk backups (*.cdbackup *.db);;All files (*)</source>
        <translation>ContractDesk-sikkerhetskopier (*.cdbackup *.db);;Alle filer (*)</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Bruk minst %n tegn.</numerusform>
            <numerusform>Bruk minst %n tegn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>Anonymise person %1</source>
        <translation>Anonymiser person %1</translation>
    </message>
    <message>
        <source>Delete the names of the registry&apos;s role holders</source>
        <translation>Slett navnene på rolleinnehaverne fra registeret</translation>
    </message>
    <message>
        <source>Delete the e-mail addresses agreements and notices were sent to</source>
        <translation>Slett e-postadressene avtaler og varsler ble sendt til</translation>
    </message>
    <message>
        <source>Delete %1 service(s) with usage and prices</source>
        <translation>Slett %1 tjeneste(r) med forbruk og priser</translation>
    </message>
    <message>
        <source>Anonymise the customer&apos;s name and addresses</source>
        <translation>Anonymiser kundens navn og adresser</translation>
    </message>
    <message>
        <source>Delete %1 closed request(s)</source>
        <translation>Slett %1 avsluttet henvendelse(r)</translation>
    </message>
    <message>
        <source>Blank the details of %1 audit entries</source>
        <translation>Blank ut detaljene i %1 revisjonsloggoppføringer</translation>
    </message>
    <message>
        <source>Delete the newsletter sign-up and sign-off records</source>
        <translation>Slett på- og avmeldingene til nyhetsbrevet</translation>
    </message>
    <message>
        <source>%1 signed acceptance(s) with their scans (evidence of the agreement)</source>
        <translation>%1 signert(e) aksept(er) med skanninger (bevis for avtalen)</translation>
    </message>
    <message>
        <source>%1 service(s) and the invoicing details (bokføringsloven § 13)</source>
        <translation>%1 tjeneste(r) og faktureringsopplysningene (bokføringsloven § 13)</translation>
    </message>
    <message>
        <source>Organisation number and name (invoice recipient)</source>
        <translation>Organisasjonsnummer og navn (fakturamottaker)</translation>
    </message>
    <message>
        <source>Person(s) %1: also contacts of a customer still active</source>
        <translation>Person(er) %1: også kontakt for en kunde som fortsatt er aktiv</translation>
    </message>
    <message>
        <source>Signed acceptances stay: the store keeps them as unalterable evidence</source>
        <translation>Signerte aksepter blir værende: de lagres som uforanderlig bevis</translation>
    </message>
    <message>
        <source>Person #%1</source>
        <translation>Person nr. %1</translation>
    </message>
    <message>
        <source>Closed data-subject requests</source>
        <translation>Avsluttede henvendelser fra registrerte</translation>
    </message>
    <message>
        <source>Details of old audit entries</source>
        <translation>Detaljer i gamle revisjonsloggoppføringer</translation>
    </message>
    <message>
        <source>Who did what and when (the hash chain)</source>
        <translation>Hvem gjorde hva og når (hash-kjeden)</translation>
    </message>
    <message>
        <source>Customer data after the relationship ends</source>
        <translation>Kundedata etter avsluttet kundeforhold</translation>
    </message>
    <message>
        <source>Case and request logs</source>
        <translation>Sakslogger og henvendelser</translation>
    </message>
    <message>
        <source>Personal data tied to billing</source>
        <translation>Personopplysninger knyttet til fakturering</translation>
    </message>
    <message>
        <source>Prospects after the last contact</source>
        <translation>Potensielle kunder etter siste kontakt</translation>
    </message>
    <message>
        <source>Newsletter sign-offs</source>
        <translation>Avmelding fra nyhetsbrev</translation>
    </message>
    <message>
        <source>%1 months after the relationship ends</source>
        <translation>%1 måneder etter at kundeforholdet er avsluttet</translation>
    </message>
    <message>
        <source>%1 years after the case was closed</source>
        <translation>%1 år etter at saken ble avsluttet</translation>
    </message>
    <message>
        <source>%1 years after the end of the fiscal year</source>
        <translation>%1 år etter regnskapsårets slutt</translation>
    </message>
    <message>
        <source>%1 years after the last contact</source>
        <translation>%1 år etter siste kontakt</translation>
    </message>
    <message>
        <source>%1 days after the sign-off</source>
        <translation>%1 dager etter avmeldingen</translation>
    </message>
    <message>
        <source>Unknown retention rule %1: use one of %2.</source>
        <translation>Ukjent sletteregel %1: bruk en av %2.</translation>
    </message>
    <message>
        <source>A retention period must be at least 1.</source>
        <translation>En slettefrist må være minst 1.</translation>
    </message>
    <message>
        <source>What is due changed since it was shown; nothing was deleted. Review it again.</source>
        <translation>Det som er forfalt, har endret seg siden det ble vist; ingenting ble slettet. Se gjennom listen på nytt.</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Retention periods</source>
        <translation>Slettefrister</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dager</translation>
    </message>
    <message>
        <source>months</source>
        <translation>måneder</translation>
    </message>
    <message>
        <source>years</source>
        <translation>år</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Run</source>
        <translation>Kjøring</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Til og med</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturaer</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Kreditnotaer</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numre</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>Sum inkl. mva.</translation>
    </message>
    <message>
        <source>Exported as</source>
        <translation>Eksportert som</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Angret</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Eksportert</translation>
    </message>
    <message>
        <source>Frozen, awaiting numbers</source>
        <translation>Frosset, venter på numre</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>Frosset</translation>
    </message>
    <message>
        <source>from the accounting system</source>
        <translation>fra regnskapssystemet</translation>
    </message>
</context>
<context>
    <name>ScanImport</name>
    <message>
        <source>no readable ContractDesk code</source>
        <translation>ingen lesbar ContractDesk-kode</translation>
    </message>
    <message>
        <source>%1 is not among the people of %2</source>
        <translation>%1 er ikke blant personene hos %2</translation>
    </message>
    <message>
        <source>the document names no registered signatory: record it by hand</source>
        <translation>dokumentet oppgir ingen registrert signatar: registrer aksepten manuelt</translation>
    </message>
    <message>
        <source>Imported from %1, page(s) %2 (document version %3).</source>
        <translation>Importert fra %1, side %2 (dokumentversjon %3).</translation>
    </message>
    <message>
        <source>the code matches no issued version of %1</source>
        <translation>koden passer ikke med noen utstedt versjon av %1</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <source>%1 — %2, %3</source>
        <comment>file name, kind, size</comment>
        <translation>%1 — %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln byte</numerusform>
        </translation>
    </message>
    <message>
        <source>File type: %1</source>
        <translation>Filtype: %1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>This image cannot be shown here; save a copy to open it.</source>
        <translation>Bildet kan ikke vises her; lagre en kopi for å åpne det.</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>&amp;Lagre en kopi…</translation>
    </message>
    <message>
        <source>Save a copy of the scan</source>
        <translation>Lagre en kopi av den skannede avtalen</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF-dokument</translation>
    </message>
    <message>
        <source>image (%1)</source>
        <translation>bilde (%1)</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fil</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>The PDF cannot be read: %1.</source>
        <translation>PDF-filen kan ikke leses: %1.</translation>
    </message>
    <message>
        <source>The image cannot be read: %1.</source>
        <translation>Bildet kan ikke leses: %1.</translation>
    </message>
    <message>
        <source>The Word file cannot be read: %1</source>
        <translation>Word-filen kan ikke leses: %1</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Send the agreement</source>
        <translation>Send avtalen</translation>
    </message>
    <message>
        <source>Send the agreement for %1 to %2 through %3? It is then marked as sent.</source>
        <translation>Sende avtalen for %1 til %2 via %3? Den blir da merket som sendt.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>&amp;Password (not saved):</source>
        <translation>&amp;Passord (lagres ikke):</translation>
    </message>
</context>
<context>
    <name>ServerBackup</name>
    <message>
        <source>The database to restore into is not empty; nothing was restored. Create a new, empty database and restore into it.</source>
        <translation>Databasen du vil gjenopprette til, er ikke tom; ingenting ble gjenopprettet. Opprett en ny, tom database og gjenopprett til den.</translation>
    </message>
    <message>
        <source>%1 was not found: install the PostgreSQL client programs (Debian: postgresql-client-15) and try again.</source>
        <translation>%1 ble ikke funnet: installer PostgreSQL-klientprogrammene (Debian: postgresql-client-15) og prøv igjen.</translation>
    </message>
    <message>
        <source>%1 is not a ContractDesk server backup.</source>
        <translation>%1 er ikke en sikkerhetskopi av en ContractDesk-server.</translation>
    </message>
    <message>
        <source>A backup needs a passphrase.</source>
        <translation>En sikkerhetskopi trenger en passordfrase.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another file name.</source>
        <translation>%1 finnes allerede; velg et annet filnavn.</translation>
    </message>
    <message>
        <source>pg_dump failed (exit %1): %2</source>
        <translation>pg_dump mislyktes (avslutningskode %1): %2</translation>
    </message>
    <message>
        <source>The backup %1 is not a readable dump: %2</source>
        <translation>Sikkerhetskopien %1 er ikke en lesbar dump: %2</translation>
    </message>
    <message>
        <source>pg_restore failed (exit %1), nothing was restored: %2</source>
        <translation>pg_restore mislyktes (avslutningskode %1), ingenting ble gjenopprettet: %2</translation>
    </message>
    <message>
        <source>The restored database does not hold the rows the backup lists; check it before use.</source>
        <translation>Den gjenopprettede databasen har ikke radene sikkerhetskopien oppgir; kontroller den før bruk.</translation>
    </message>
</context>
<context>
    <name>ServerErrors</name>
    <message>
        <source>publish terms</source>
        <translation>publisere vilkår</translation>
    </message>
    <message>
        <source>erase personal data</source>
        <translation>slette personopplysninger</translation>
    </message>
    <message>
        <source>change the sub-processor register</source>
        <translation>endre registeret over underleverandører</translation>
    </message>
    <message>
        <source>change the audit log</source>
        <translation>endre revisjonsloggen</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>administrere brukere</translation>
    </message>
    <message>
        <source>change the business details</source>
        <translation>endre virksomhetsopplysningene</translation>
    </message>
    <message>
        <source>record privacy documents</source>
        <translation>registrere personverndokumenter</translation>
    </message>
    <message>
        <source>record breaches</source>
        <translation>registrere avvik</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2.</source>
        <translation>Kan ikke koble til %1: %2.</translation>
    </message>
    <message>
        <source>Your role (%1) may not %2.</source>
        <translation>Rollen din (%1) har ikke lov til å %2.</translation>
    </message>
    <message>
        <source>Your database user may not %1.</source>
        <translation>Databasebrukeren din har ikke lov til å %1.</translation>
    </message>
    <message>
        <source>the user name or password is wrong</source>
        <translation>brukernavnet eller passordet er feil</translation>
    </message>
    <message>
        <source>the database does not exist</source>
        <translation>databasen finnes ikke</translation>
    </message>
    <message>
        <source>the server does not offer a secure (TLS) connection</source>
        <translation>serveren tilbyr ikke en sikker (TLS-)forbindelse</translation>
    </message>
    <message>
        <source>this user may not use the database</source>
        <translation>denne brukeren har ikke tilgang til databasen</translation>
    </message>
    <message>
        <source>the server does not answer</source>
        <translation>serveren svarer ikke</translation>
    </message>
    <message>
        <source>change data</source>
        <translation>endre data</translation>
    </message>
    <message>
        <source>do this</source>
        <translation>gjøre dette</translation>
    </message>
    <message>
        <source>A user of that name exists already.</source>
        <translation>Det finnes allerede en bruker med det navnet.</translation>
    </message>
</context>
<context>
    <name>ServerMove</name>
    <message>
        <source>This store is on a server already.</source>
        <translation>Disse dataene ligger allerede på en server.</translation>
    </message>
    <message>
        <source>The local store failed its integrity check (%1); restore it from a backup before moving it.</source>
        <translation>Det lokale lageret besto ikke integritetskontrollen (%1); gjenopprett det fra en sikkerhetskopi før du flytter det.</translation>
    </message>
    <message>
        <source>The server database is not empty (%1 already hold data); nothing was copied. Move into a new, empty database.</source>
        <translation>Serverdatabasen er ikke tom (%1 har allerede data); ingenting ble kopiert. Flytt til en ny, tom database.</translation>
    </message>
    <message>
        <source>This database user does not own the ContractDesk tables on the server; move with the user that set the database up (contractdesk server init). Nothing was copied.</source>
        <translation>Denne databasebrukeren eier ikke ContractDesk-tabellene på serveren; flytt med brukeren som satte opp databasen (contractdesk server init). Ingenting ble kopiert.</translation>
    </message>
    <message>
        <source>The copy on the server did not match the local store (%1); it was undone, the server database is empty again and the local store is unchanged.</source>
        <translation>Kopien på serveren stemte ikke med det lokale lageret (%1); den ble angret, serverdatabasen er tom igjen, og det lokale lageret er uendret.</translation>
    </message>
    <message>
        <source>The move was cancelled; nothing was saved on the server.</source>
        <translation>Flyttingen ble avbrutt; ingenting ble lagret på serveren.</translation>
    </message>
    <message>
        <source>The server database has no ContractDesk tables yet: set it up first (contractdesk server init URL --owner USER), then move.</source>
        <translation>Serverdatabasen har ingen ContractDesk-tabeller ennå: sett den opp først (contractdesk server init URL --owner BRUKER), og flytt deretter.</translation>
    </message>
    <message>
        <source>The server database is at schema %1 and the local store at %2: update ContractDesk where it is older, then move.</source>
        <translation>Serverdatabasen har skjema %1 og det lokale lageret %2: oppdater ContractDesk der den er eldst, og flytt deretter.</translation>
    </message>
    <message>
        <source>The server database lacks the tables %1.</source>
        <translation>Serverdatabasen mangler tabellene %1.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Your team&apos;s server</source>
        <translation>Teamets server</translation>
    </message>
    <message>
        <source>Ask whoever set up the server for these details. The password is kept in the system keyring.</source>
        <translation>Spør den som satte opp serveren, om disse opplysningene. Passordet lagres i systemets nøkkelring.</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>Server (host name)</source>
        <translation>Server (vertsnavn)</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>P&amp;ort</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Database</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Bruker</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Bruker</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;ord</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passord</translation>
    </message>
    <message>
        <source>e.g. db.example.no</source>
        <translation>f.eks. db.example.no</translation>
    </message>
    <message>
        <source>Require an &amp;encrypted connection (TLS)</source>
        <translation>Krev &amp;kryptert tilkobling (TLS)</translation>
    </message>
    <message>
        <source>Require an encrypted connection (TLS)</source>
        <translation>Krev kryptert tilkobling (TLS)</translation>
    </message>
    <message>
        <source>Without TLS the password and the data cross the network readable by anyone on the way: turn it off only for a server on this computer.</source>
        <translation>Uten TLS går passordet og dataene over nettet lesbare for alle underveis: slå det bare av for en server på denne maskinen.</translation>
    </message>
</context>
<context>
    <name>ServerProfile</name>
    <message>
        <source>The server settings (server.json) are damaged; choose the server again.</source>
        <translation>Serverinnstillingene (server.json) er skadet; velg serveren på nytt.</translation>
    </message>
    <message>
        <source>The system keyring is locked: unlock it (log in to your desktop keyring) and try again.</source>
        <translation>Systemets nøkkelring er låst: lås den opp (logg inn i skrivebordets nøkkelring) og prøv igjen.</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>Edit service</source>
        <translation>Endre tjeneste</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Legg til tjeneste</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>per år</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>per måned</translation>
    </message>
    <message>
        <source>Customer&apos;s default: %1</source>
        <translation>Kundens standard: %1</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <source>&amp;Price excl. VAT</source>
        <translation>&amp;Pris eks. mva.</translation>
    </message>
    <message>
        <source>Price &amp;basis</source>
        <translation>Pris&amp;grunnlag</translation>
    </message>
    <message>
        <source>Invoice &amp;period</source>
        <translation>&amp;Fakturaperiode</translation>
    </message>
    <message>
        <source>&amp;Start date</source>
        <translation>&amp;Startdato</translation>
    </message>
    <message>
        <source>&amp;Trial period</source>
        <translation>Prø&amp;vetid</translation>
    </message>
    <message>
        <source>&amp;Amount excl. VAT</source>
        <translation>&amp;Beløp eks. mva.</translation>
    </message>
    <message>
        <source>&amp;Date invoiced</source>
        <translation>Fakturert &amp;dato</translation>
    </message>
    <message>
        <source>&amp;Unit price excl. VAT</source>
        <translation>&amp;Enhetspris eks. mva.</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <comment>suffix after a number of days</comment>
        <translation>
            <numerusform> dag</numerusform>
            <numerusform> dager</numerusform>
        </translation>
    </message>
    <message>
        <source>The service starts %1, more than two years from today. If that is right, press OK again.</source>
        <translation>Tjenesten starter %1, mer enn to år fra i dag. Trykk OK en gang til hvis det stemmer.</translation>
    </message>
</context>
<context>
    <name>ServiceKind</name>
    <message>
        <source>Licence</source>
        <translation>Lisens</translation>
    </message>
    <message>
        <source>One-off cost</source>
        <translation>Engangskostnad</translation>
    </message>
    <message>
        <source>Usage (e.g. SMS)</source>
        <translation>Forbruk (f.eks. SMS)</translation>
    </message>
</context>
<context>
    <name>ServicesModel</name>
    <message>
        <source>Service</source>
        <translation>Tjeneste</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Price excl. VAT</source>
        <translation>Pris eks. mva.</translation>
    </message>
    <message>
        <source>Invoice period</source>
        <translation>Fakturaperiode</translation>
    </message>
    <message>
        <source>Start / date</source>
        <translation>Start/dato</translation>
    </message>
    <message>
        <source>Billing from</source>
        <translation>Faktureres fra</translation>
    </message>
    <message>
        <source>Binding end</source>
        <translation>Bindingstid til</translation>
    </message>
    <message>
        <source>Earliest end</source>
        <translation>Tidligste slutt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 per year</source>
        <translation>%1 per år</translation>
    </message>
    <message>
        <source>%1 per unit</source>
        <translation>%1 per enhet</translation>
    </message>
    <message>
        <source>Cancelled %1, before billing starts</source>
        <translation>Avbestilt %1, før faktureringen starter</translation>
    </message>
    <message>
        <source>Terminated %1: ends %2, paid until %3</source>
        <translation>Oppsagt %1: slutter %2, betalt til %3</translation>
    </message>
    <message>
        <source>Free (no binding)</source>
        <translation>Gratis (ingen binding)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>Fra %1: %2</translation>
    </message>
</context>
<context>
    <name>ServicesPanel</name>
    <message>
        <source>Services</source>
        <translation>Tjenester</translation>
    </message>
    <message>
        <source>Invoicing</source>
        <translation>Fakturering</translation>
    </message>
    <message>
        <source>&amp;Delivery</source>
        <translation>&amp;Levering</translation>
    </message>
    <message>
        <source>Paper (fee NOK 45)</source>
        <translation>Papir (gebyr kr 45)</translation>
    </message>
    <message>
        <source>E-mail (fee NOK 12)</source>
        <translation>E-post (gebyr kr 12)</translation>
    </message>
    <message>
        <source>EHF e-invoice (no fee)</source>
        <translation>EHF-faktura (uten gebyr)</translation>
    </message>
    <message>
        <source>Default &amp;invoice period</source>
        <translation>Standard fakt&amp;uraperiode</translation>
    </message>
    <message>
        <source>Sa&amp;ve invoicing</source>
        <translation>Lag&amp;re fakturering</translation>
    </message>
    <message>
        <source>&amp;Add service…</source>
        <translation>Legg t&amp;il tjeneste…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Endre…</translation>
    </message>
    <message>
        <source>&amp;Terminate…</source>
        <translation>&amp;Si opp…</translation>
    </message>
    <message>
        <source>&amp;Withdraw termination</source>
        <translation>Trekk til&amp;bake oppsigelse</translation>
    </message>
    <message>
        <source>Record &amp;usage…</source>
        <translation>Registrer forbru&amp;k…</translation>
    </message>
    <message>
        <source>Adjust &amp;price…</source>
        <translation>&amp;Juster pris…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>Fjer&amp;n…</translation>
    </message>
    <message>
        <source>Invoicing saved: %1 from %3, default period %2.</source>
        <translation>Fakturering lagret: %1 fra %3, standard periode %2.</translation>
    </message>
    <message>
        <source>Service added.</source>
        <translation>Tjeneste lagt til.</translation>
    </message>
    <message>
        <source>Service saved.</source>
        <translation>Tjeneste lagret.</translation>
    </message>
    <message>
        <source>Termination recorded.</source>
        <translation>Oppsigelse registrert.</translation>
    </message>
    <message>
        <source>Termination withdrawn.</source>
        <translation>Oppsigelse trukket tilbake.</translation>
    </message>
    <message>
        <source>Usage for %1 recorded: %2 (NOK %3 excl. VAT).</source>
        <translation>Forbruk for %1 registrert: %2 (kr %3 eks. mva.).</translation>
    </message>
    <message>
        <source>Price adjustment saved.</source>
        <translation>Prisjustering lagret.</translation>
    </message>
    <message>
        <source>Remove service</source>
        <translation>Fjern tjeneste</translation>
    </message>
    <message>
        <source>Remove %1 with its usage and price adjustments? Use Terminate when the customer ends a service; remove only what was entered by mistake.</source>
        <translation>Fjerne %1 med forbruk og prisjusteringer? Bruk «Si opp» når kunden avslutter en tjeneste; fjern bare det som ble registrert ved en feil.</translation>
    </message>
    <message>
        <source>Service removed.</source>
        <translation>Tjeneste fjernet.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Your business (supplier)</source>
        <translation>Din virksomhet (leverandør)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Spr&amp;åk</translation>
    </message>
    <message>
        <source>Security and backup</source>
        <translation>Sikkerhet og sikkerhetskopi</translation>
    </message>
    <message>
        <source>Set a &amp;passphrase…</source>
        <translation>Angi passor&amp;dfrase…</translation>
    </message>
    <message>
        <source>Use the system &amp;keyring</source>
        <translation>Bruk system&amp;nøkkelringen</translation>
    </message>
    <message>
        <source>Create &amp;backup…</source>
        <translation>Lag sikkerhets&amp;kopi…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Gjenopprett fra sikkerhetskopi…</translation>
    </message>
    <message>
        <source>&amp;Automatic backups…</source>
        <translation>&amp;Automatiske sikkerhetskopier…</translation>
    </message>
    <message>
        <source>Recovery &amp;sheet…</source>
        <translation>Gjenopprettings&amp;ark…</translation>
    </message>
    <message>
        <source>the system keyring (no passphrase needed)</source>
        <translation>systemets nøkkelring (ingen passordfrase nødvendig)</translation>
    </message>
    <message>
        <source>a passphrase, asked at start-up</source>
        <translation>en passordfrase som må skrives inn ved oppstart</translation>
    </message>
    <message>
        <source>a temporary key (demo data, discarded on exit)</source>
        <translation>en midlertidig nøkkel (demodata, forkastes ved avslutning)</translation>
    </message>
    <message>
        <source>your login on the team&apos;s server</source>
        <translation>din pålogging på teamets server</translation>
    </message>
    <message>
        <source>Store: %1
Unlocked by: %2</source>
        <translation>Datafil: %1
Låses opp med: %2</translation>
    </message>
    <message>
        <source>Change the &amp;passphrase…</source>
        <translation>Endre &amp;passordet…</translation>
    </message>
    <message>
        <source>Automatic backups are off: choose a folder (a synced folder works).</source>
        <translation>Automatiske sikkerhetskopier er av: velg en mappe (en synkronisert mappe fungerer).</translation>
    </message>
    <message>
        <source>Automatic backups: daily into %1 (7 daily and 12 monthly kept); last %2.</source>
        <translation>Automatiske sikkerhetskopier: daglig til %1 (7 daglige og 12 månedlige beholdes); sist %2.</translation>
    </message>
    <message>
        <source>The store is damaged and read-only: restore it from a backup.</source>
        <translation>Lageret er skadet og skrivebeskyttet: gjenopprett det fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Ikke lagret</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeider…</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Ikke utført</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Ny passordfrase</translation>
    </message>
    <message>
        <source>New passphrase (at least 8 characters):</source>
        <translation>Ny passordfrase (minst 8 tegn):</translation>
    </message>
    <message>
        <source>Repeat the passphrase:</source>
        <translation>Gjenta passordfrasen:</translation>
    </message>
    <message>
        <source>Passphrase not changed</source>
        <translation>Passordfrasen ble ikke endret</translation>
    </message>
    <message>
        <source>The passphrases differ or are shorter than 8 characters.</source>
        <translation>Passordfrasene er ulike eller kortere enn 8 tegn.</translation>
    </message>
    <message>
        <source>ContractDesk backup (*.cdbackup *.db)</source>
        <translation>ContractDesk-sikkerhetskopi (*.cdbackup *.db)</translation>
    </message>
    <message>
        <source>Passphrase for this backup (empty: the recovery key opens it):</source>
        <translation>Passord for denne sikkerhetskopien (tomt: gjenopprettingsnøkkelen åpner den):</translation>
    </message>
    <message>
        <source>Folder for automatic backups (a synced folder works)</source>
        <translation>Mappe for automatiske sikkerhetskopier (en synkronisert mappe fungerer)</translation>
    </message>
    <message>
        <source>Automatic backups are on; the first one was written.</source>
        <translation>Automatiske sikkerhetskopier er på; den første er skrevet.</translation>
    </message>
    <message>
        <source>Save the recovery sheet as</source>
        <translation>Lagre gjenopprettingsarket som</translation>
    </message>
    <message>
        <source>Recovery sheet written: print it and keep it somewhere safe.</source>
        <translation>Gjenopprettingsarket er skrevet: skriv det ut og oppbevar det på et trygt sted.</translation>
    </message>
    <message>
        <source>From now on ContractDesk asks for this passphrase when it starts.</source>
        <translation>Fra nå av spør ContractDesk etter denne passordfrasen ved oppstart.</translation>
    </message>
    <message>
        <source>The key is in the system keyring now: no passphrase is asked at start-up.</source>
        <translation>Nøkkelen ligger nå i systemnøkkelringen: det spørres ikke etter passord ved oppstart.</translation>
    </message>
    <message>
        <source>Save backup as</source>
        <translation>Lagre sikkerhetskopi som</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Passordfrase for sikkerhetskopien</translation>
    </message>
    <message>
        <source>The backup was written and checked.</source>
        <translation>Sikkerhetskopien ble lagret og kontrollert.</translation>
    </message>
</context>
<context>
    <name>SmtpPassword</name>
    <message>
        <source>The system keyring is locked: unlock it and try again.</source>
        <extracomment>Asks the person for the password (None: they declined).</extracomment>
        <translation>Systemets nøkkelring er låst: lås den opp og prøv igjen.</translation>
    </message>
    <message>
        <source>The system keyring failed (%1).</source>
        <translation>Systemets nøkkelring feilet (%1).</translation>
    </message>
    <message>
        <source>Set the SMTP server and user name before saving a password.</source>
        <translation>Angi SMTP-server og brukernavn før du lagrer et passord.</translation>
    </message>
    <message>
        <source>No system keyring is available here, so the password is not saved: set %1 or enter the password each time you send.</source>
        <translation>Ingen nøkkelring er tilgjengelig her, så passordet lagres ikke: angi %1, eller skriv inn passordet hver gang du sender.</translation>
    </message>
    <message>
        <source>The system keyring refused the password (%1).</source>
        <translation>Systemets nøkkelring avviste passordet (%1).</translation>
    </message>
    <message>
        <source>The system keyring did not keep the password.</source>
        <translation>Systemets nøkkelring tok ikke vare på passordet.</translation>
    </message>
    <message>
        <source>Password for %1 at %2:</source>
        <translation>Passord for %1 på %2:</translation>
    </message>
    <message>
        <source>No SMTP password for %1: save it in the system keyring (E-mail settings, or &apos;contractdesk smtp set … --password-stdin&apos;), set %2, or enter it when sending.</source>
        <translation>Ingen SMTP-passord for %1: lagre det i systemets nøkkelring (E-postinnstillinger, eller &apos;contractdesk smtp set … --password-stdin&apos;), angi %2, eller skriv det inn når du sender.</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <source>Cannot open %1: wrong key or passphrase, or the file is damaged. The file was not changed; restore it from a backup if the key is right.</source>
        <translation>Kan ikke åpne %1: feil nøkkel eller passordfrase, eller filen er skadet. Filen ble ikke endret; gjenopprett den fra en sikkerhetskopi hvis nøkkelen er riktig.</translation>
    </message>
    <message>
        <source>%1 is damaged (a part of it failed its check). The file was not changed; restore it from a backup.</source>
        <translation>%1 er skadet (en del av filen besto ikke kontrollen). Filen ble ikke endret; gjenopprett den fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Feil passordfrase.</translation>
    </message>
    <message>
        <source>This store is unlocked with a passphrase: enter it, or set CONTRACTDESK_PASSPHRASE.</source>
        <translation>Denne datafilen låses opp med en passordfrase: skriv den inn, eller angi CONTRACTDESK_PASSPHRASE.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of ContractDesk (schema %2). Update ContractDesk to open it; the file was not changed.</source>
        <translation>%1 er lagret av en nyere versjon av ContractDesk (skjema %2). Oppdater ContractDesk for å åpne den; filen ble ikke endret.</translation>
    </message>
    <message>
        <source>Could not save: the disk is full or cannot be written. Nothing of this change was saved; free some space and try again.</source>
        <translation>Kunne ikke lagre: disken er full eller kan ikke skrives til. Ingenting av denne endringen ble lagret; frigjør plass og prøv igjen.</translation>
    </message>
    <message>
        <source>Could not save: %1 is read-only.</source>
        <translation>Kunne ikke lagre: %1 er skrivebeskyttet.</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>datafilen</translation>
    </message>
    <message>
        <source>The store is busy (locked by another program). Try again in a moment.</source>
        <translation>Datafilen er opptatt (låst av et annet program). Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>The key file (store.json) is damaged, so the store cannot be unlocked; the data was not touched. Put back a copy of store.json, or restore from a backup with the recovery key.</source>
        <translation>Nøkkelfilen (store.json) er skadet, så lageret kan ikke låses opp; dataene ble ikke rørt. Legg tilbake en kopi av store.json, eller gjenopprett fra en sikkerhetskopi med gjenopprettingsnøkkelen.</translation>
    </message>
</context>
<context>
    <name>StoreHealth</name>
    <message>
        <source>Not saved: %1 is damaged, so it is read-only now. Restore it from a backup (Settings, or contractdesk backup restore FILE).</source>
        <translation>Ikke lagret: %1 er skadet, så den er skrivebeskyttet nå. Gjenopprett den fra en sikkerhetskopi (Innstillinger, eller contractdesk backup restore FIL).</translation>
    </message>
</context>
<context>
    <name>StoreLock</name>
    <message>
        <source>The store in %1 is open in another ContractDesk window, command or script: close it and try again. Nothing was changed.</source>
        <translation>Lageret i %1 er åpent i et annet ContractDesk-vindu, en kommando eller et skript: lukk det og prøv igjen. Ingenting ble endret.</translation>
    </message>
</context>
<context>
    <name>SubProcessorDialog</name>
    <message>
        <source>Sub-processor</source>
        <translation>Underleverandør</translation>
    </message>
    <message>
        <source>Receives data</source>
        <translation>Mottar data</translation>
    </message>
    <message>
        <source>Has access to the data</source>
        <translation>Har tilgang til dataene</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <source>&amp;Org number:</source>
        <translation>&amp;Org.nr.:</translation>
    </message>
    <message>
        <source>P&amp;urpose:</source>
        <translation>&amp;Formål:</translation>
    </message>
    <message>
        <source>&amp;Data shared:</source>
        <translation>&amp;Data som deles:</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Sted:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Clause:</source>
        <translation>&amp;Punkt:</translation>
    </message>
</context>
<context>
    <name>SubProcessorModel</name>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Org number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Data shared</source>
        <translation>Data som deles</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Receives data</source>
        <translation>Mottar data</translation>
    </message>
    <message>
        <source>Has access</source>
        <translation>Har tilgang</translation>
    </message>
</context>
<context>
    <name>SupplierDraftBox</name>
    <message>
        <source>Another supplier</source>
        <translation>En annen leverandør</translation>
    </message>
    <message>
        <source>Make a draft of the next terms version from %1 in which the supplier&apos;s name, address, e-mail and signer are fields filled from the supplier profile. Review and publish it on the Terms page.</source>
        <translation>Lag et utkast til neste vilkårsversjon fra %1 der leverandørens navn, adresse, e-post og signatar er felt som fylles fra leverandørprofilen. Se gjennom og publiser det på siden Vilkår.</translation>
    </message>
    <message>
        <source>&amp;Label of the draft:</source>
        <translation>&amp;Navn på utkastet:</translation>
    </message>
    <message>
        <source>Label of the draft</source>
        <translation>Navn på utkastet</translation>
    </message>
    <message>
        <source>&amp;Make the draft</source>
        <translation>&amp;Lag utkastet</translation>
    </message>
    <message>
        <source>Draft %1 made: review it on the Terms page and publish it.</source>
        <translation>Utkast %1 er laget: se gjennom det på siden Vilkår og publiser det.</translation>
    </message>
</context>
<context>
    <name>SupplierDraftDialog</name>
    <message>
        <source>Draft for another supplier</source>
        <translation>Utkast for en annen leverandør</translation>
    </message>
    <message>
        <source>This version names the business of your supplier profile: a draft is needed only when another business is the supplier.</source>
        <translation>Denne versjonen navngir virksomheten i leverandørprofilen din: et utkast trengs bare når en annen virksomhet er leverandøren.</translation>
    </message>
</context>
<context>
    <name>SupplierForm</name>
    <message>
        <source>&amp;Organisation number</source>
        <translation>&amp;Organisasjonsnummer</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>&amp;Postcode</source>
        <translation>&amp;Postnummer</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>Post&amp;sted</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-post</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>&amp;Signs for the supplier</source>
        <translation>Signerer for leve&amp;randøren</translation>
    </message>
    <message>
        <source>Signer&apos;s &amp;title</source>
        <translation>Undertegners t&amp;ittel</translation>
    </message>
    <message>
        <source>Nine digits, as in the Brønnøysund register.</source>
        <translation>Ni sifre, som i Brønnøysundregistrene.</translation>
    </message>
    <message>
        <source>Not a valid organisation number (check the digits).</source>
        <translation>Ikke et gyldig organisasjonsnummer (kontroller sifrene).</translation>
    </message>
    <message>
        <source>Valid: %1</source>
        <translation>Gyldig: %1</translation>
    </message>
</context>
<context>
    <name>SupplierService</name>
    <message>
        <source>Organisation number: %1</source>
        <translation>Organisasjonsnummer: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Poststed</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Undertegner</translation>
    </message>
    <message>
        <source>Signer&apos;s title</source>
        <translation>Undertegners tittel</translation>
    </message>
</context>
<context>
    <name>TableCheckModel</name>
    <message>
        <source>Table</source>
        <translation>Tabell</translation>
    </message>
    <message>
        <source>Rows here</source>
        <translation>Rader her</translation>
    </message>
    <message>
        <source>Rows on the server</source>
        <translation>Rader på serveren</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontroll</translation>
    </message>
    <message>
        <source>Same content</source>
        <translation>Samme innhold</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>ULIK</translation>
    </message>
</context>
<context>
    <name>TeamService</name>
    <message>
        <source>%1 is not a valid user name: use lower-case letters, digits and _ . @ - (at most 63).</source>
        <translation>%1 er ikke et gyldig brukernavn: bruk små bokstaver, sifre og _ . @ - (høyst 63).</translation>
    </message>
    <message>
        <source>The password must have at least 12 characters.</source>
        <translation>Passordet må ha minst 12 tegn.</translation>
    </message>
    <message>
        <source>A new user needs a password: give it on standard input (--password-stdin) or when asked.</source>
        <translation>En ny bruker trenger et passord: gi det på standard inn (--password-stdin) eller når du blir spurt.</translation>
    </message>
    <message>
        <source>Users exist only in team mode: connect to the server with --server URL or CONTRACTDESK_DATABASE_URL.</source>
        <translation>Brukere finnes bare i teammodus: koble til serveren med --server URL eller CONTRACTDESK_DATABASE_URL.</translation>
    </message>
    <message>
        <source>The role must be one of %1.</source>
        <translation>Rollen må være en av %1.</translation>
    </message>
    <message>
        <source>%1 does not exist yet: give its password on standard input (--password-stdin) or when asked.</source>
        <translation>%1 finnes ikke ennå: gi passordet på standard inn (--password-stdin) eller når du blir spurt.</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <source>Terminate %1</source>
        <translation>Si opp %1</translation>
    </message>
    <message>
        <source>Terminate service</source>
        <translation>Si opp tjeneste</translation>
    </message>
    <message>
        <source>The customer asked for a &amp;later end</source>
        <translation>Kunden ba om en &amp;senere sluttdato</translation>
    </message>
    <message>
        <source>Yes, no invoice at all is sent for this service</source>
        <translation>Ja, det sendes ingen faktura i det hele tatt for denne tjenesten</translation>
    </message>
    <message>
        <source>&amp;Received on</source>
        <translation>&amp;Mottatt den</translation>
    </message>
    <message>
        <source>&amp;Requested end</source>
        <translation>&amp;Ønsket sluttdato</translation>
    </message>
</context>
<context>
    <name>Termination</name>
    <message>
        <source>Binding ends %1.</source>
        <translation>Bindingstiden slutter %1.</translation>
    </message>
    <message>
        <source>No binding period applies.</source>
        <translation>Ingen bindingstid gjelder.</translation>
    </message>
    <message>
        <source>It ends %1, before billing starts: nothing is invoiced.</source>
        <translation>Den slutter %1, før faktureringen starter: ingenting faktureres.</translation>
    </message>
    <message>
        <source>The service ends %1 and is paid until %2; later periods are not invoiced, and a period already invoiced is refunded after that day.</source>
        <translation>Tjenesten slutter %1 og er betalt til %2; senere perioder faktureres ikke, og for en periode som allerede er fakturert, refunderes tiden etter denne dagen.</translation>
    </message>
    <message>
        <source>The end is rounded to the month&apos;s end (§12.3): whole months are refunded.</source>
        <translation>Slutten rundes av til månedsskiftet (§12.3): hele måneder refunderes.</translation>
    </message>
</context>
<context>
    <name>TermsPage</name>
    <message>
        <source>Terms</source>
        <translation>Avtalevilkår</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>&amp;Copy to draft…</source>
        <translation>&amp;Kopier til utkast…</translation>
    </message>
    <message>
        <source>&amp;Edit draft…</source>
        <translation>&amp;Rediger utkast…</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publiser…</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Slett utkast</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>&amp;Les</translation>
    </message>
    <message>
        <source>DPA chec&amp;klist</source>
        <translation>DBA-s&amp;jekkliste</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Sa&amp;mmenlign</translation>
    </message>
    <message>
        <source>&amp;Sub-processors</source>
        <translation>&amp;Underleverandører</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>Legg &amp;til…</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>&amp;Endre…</translation>
    </message>
    <message>
        <source>Remo&amp;ve from register</source>
        <translation>Fjern fra liste&amp;n</translation>
    </message>
    <message>
        <source>The register (§8.3, §17.7). Publishing a version records the register as it is then; later changes do not alter published versions.</source>
        <translation>Listen over underleverandører (§8.3, §17.7). Når en versjon publiseres, lagres listen slik den er da; senere endringer påvirker ikke publiserte versjoner.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>ikke angitt</translation>
    </message>
    <message>
        <source>Published, effective %1.</source>
        <translation>Publisert, gyldig fra %1.</translation>
    </message>
    <message>
        <source>Terms versions</source>
        <translation>Vilkårsversjoner</translation>
    </message>
    <message>
        <source>Sub-processors</source>
        <translation>Underleverandører</translation>
    </message>
    <message>
        <source>DPA checklist</source>
        <translation>Sjekkliste for databehandleravtalen</translation>
    </message>
    <message>
        <source>Import from &amp;Word…</source>
        <translation>Importer fra &amp;Word…</translation>
    </message>
    <message>
        <source>A new draft from a Word document (.docx): headings, numbering and lists kept</source>
        <translation>Et nytt utkast fra et Word-dokument (.docx): overskrifter, nummerering og lister beholdes</translation>
    </message>
    <message>
        <source>Dra&amp;ft for another supplier…</source>
        <translation>&amp;Utkast for en annen leverandør…</translation>
    </message>
    <message>
        <source>A draft of the next version in which the supplier&apos;s name, address, e-mail and signer are fields filled from your supplier profile</source>
        <translation>Et utkast til neste versjon der leverandørens navn, adresse, e-post og signatar er felt som fylles fra leverandørprofilen din</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>Draft (planned effective date: %1).</source>
        <translation>Utkast (planlagt gyldig fra: %1).</translation>
    </message>
    <message>
        <source>Content SHA-256 now: %1</source>
        <translation>SHA-256 for innholdet nå: %1</translation>
    </message>
    <message>
        <source>Copied from %1.</source>
        <translation>Kopiert fra %1.</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>delvis</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>DPA checklist at publication: %1</source>
        <translation>DBA-sjekkliste ved publisering: %1</translation>
    </message>
    <message>
        <source>all items covered</source>
        <translation>alle punkter dekket</translation>
    </message>
    <message>
        <source>(published with confirmation)</source>
        <translation>(publisert med bekreftelse)</translation>
    </message>
    <message>
        <source>Sub-processors listed: %1</source>
        <translation>Oppførte underleverandører: %1</translation>
    </message>
    <message>
        <source>This version has no DPA annex (Databehandleravtale).</source>
        <translation>Denne versjonen har ikke databehandleravtale som vedlegg.</translation>
    </message>
    <message>
        <source>Cites the repealed 2000 act in %1: “%2” — %3</source>
        <translation>Viser til den opphevede loven fra 2000 i %1: «%2» — %3</translation>
    </message>
    <message>
        <source>No references to the repealed 2000 act.</source>
        <translation>Ingen henvisninger til den opphevede loven fra 2000.</translation>
    </message>
    <message>
        <source>Imported %1 as a draft.</source>
        <translation>Importerte %1 som utkast.</translation>
    </message>
    <message>
        <source>Its content is identical to the published version %1.</source>
        <translation>Innholdet er identisk med den publiserte versjonen %1.</translation>
    </message>
    <message>
        <source>Draft %1 made from %2.</source>
        <translation>Utkast %1 laget fra %2.</translation>
    </message>
    <message>
        <source>Copy to draft</source>
        <translation>Kopier til utkast</translation>
    </message>
    <message>
        <source>&amp;Label of the new draft:</source>
        <translation>&amp;Betegnelse på det nye utkastet:</translation>
    </message>
    <message>
        <source>Draft %1 saved.</source>
        <translation>Utkast %1 lagret.</translation>
    </message>
    <message numerus="yes">
        <source>Published %1 (SHA-256 %2). %n customer(s) must be notified by %3.</source>
        <translation>
            <numerusform>Publiserte %1 (SHA-256 %2). %n kunde må varsles innen %3.</numerusform>
            <numerusform>Publiserte %1 (SHA-256 %2). %n kunder må varsles innen %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Slett utkast</translation>
    </message>
    <message>
        <source>Delete the draft %1? This cannot be undone.</source>
        <translation>Slette utkastet %1? Dette kan ikke angres.</translation>
    </message>
    <message>
        <source>Draft %1 deleted.</source>
        <translation>Utkast %1 slettet.</translation>
    </message>
    <message>
        <source>%1 taken off the register; published versions keep it.</source>
        <translation>%1 er fjernet fra listen; publiserte versjoner beholder den.</translation>
    </message>
</context>
<context>
    <name>TermsService</name>
    <message>
        <source>Label %1: use 1–50 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;, e.g. 2025-01-01.</source>
        <translation>Betegnelse %1: bruk 1–50 bokstaver, sifre, &apos;.&apos;, &apos;-&apos; eller &apos;_&apos;, f.eks. 2025-01-01.</translation>
    </message>
    <message>
        <source>The file could not be read as terms: %1</source>
        <translation>Filen kunne ikke leses som avtalevilkår: %1</translation>
    </message>
    <message>
        <source>The text says it is dated %1; the effective date given is %2.</source>
        <translation>Teksten er datert %1, men oppgitt gyldig fra-dato er %2.</translation>
    </message>
    <message>
        <source>%1 is too large for a terms text (over 5 MB).</source>
        <translation>%1 er for stor for en vilkårstekst (over 5 MB).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kan ikke lese %1: %2</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text; save it as UTF-8 and try again.</source>
        <translation>%1 er ikke UTF-8-tekst; lagre den som UTF-8 og prøv igjen.</translation>
    </message>
    <message>
        <source>%1 is not a Word (.docx) document.</source>
        <translation>%1 er ikke et Word-dokument (.docx).</translation>
    </message>
    <message>
        <source>Give the new content once: a document, its JSON or its text.</source>
        <translation>Oppgi det nye innholdet én gang: som dokument, JSON eller tekst.</translation>
    </message>
    <message>
        <source>Not a terms document in JSON: %1</source>
        <translation>Ikke et vilkårsdokument i JSON: %1</translation>
    </message>
    <message>
        <source>The text could not be read as terms: %1</source>
        <translation>Teksten kunne ikke leses som avtalevilkår: %1</translation>
    </message>
    <message>
        <source>Not published: %1 Confirm to publish anyway.</source>
        <translation>Ikke publisert: %1 Bekreft for å publisere likevel.</translation>
    </message>
    <message>
        <source>%1 was removed from the register; add it again instead.</source>
        <translation>%1 er fjernet fra listen; legg den til på nytt i stedet.</translation>
    </message>
    <message>
        <source>No terms version %1.</source>
        <translation>Finner ingen vilkårsversjon %1.</translation>
    </message>
    <message>
        <source>A terms version %1 exists already; choose another label.</source>
        <translation>Vilkårsversjon %1 finnes allerede; velg en annen betegnelse.</translation>
    </message>
    <message>
        <source>Terms version %1 is published and cannot change; copy it into a new draft instead.</source>
        <translation>Vilkårsversjon %1 er publisert og kan ikke endres; kopier den til et nytt utkast i stedet.</translation>
    </message>
    <message>
        <source>Unknown fields %1: correct them before publishing.</source>
        <translation>Ukjente felt %1: rett dem før publisering.</translation>
    </message>
    <message>
        <source>This content is published already as %1.</source>
        <translation>Dette innholdet er allerede publisert som %1.</translation>
    </message>
    <message>
        <source>A new version must take effect after %1 (the latest published version).</source>
        <translation>En ny versjon må gjelde fra en dato etter %1 (den sist publiserte versjonen).</translation>
    </message>
    <message>
        <source>The version has no DPA annex (Databehandleravtale).</source>
        <translation>Versjonen har ikke databehandleravtale som vedlegg.</translation>
    </message>
    <message>
        <source>The DPA does not fully cover GDPR Art. 28(3): %1.</source>
        <translation>Databehandleravtalen dekker ikke GDPR art. 28 nr. 3 fullt ut: %1.</translation>
    </message>
    <message>
        <source>The DPA cites the repealed Personal Data Act of 2000 (%1 places).</source>
        <translation>Databehandleravtalen viser til den opphevede personopplysningsloven fra 2000 (%1 steder).</translation>
    </message>
    <message>
        <source>Customers must be notified by %1 (one month before %2), which has passed.</source>
        <translation>Kundene må varsles innen %1 (én måned før %2), og den fristen er passert.</translation>
    </message>
    <message>
        <source>Named in the text but not in the sub-processor register: %1.</source>
        <translation>Nevnt i teksten, men ikke i listen over underleverandører: %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Kind must be data_shared or access, not %1.</source>
        <translation>Type må være data_shared (mottar data) eller access (har tilgang), ikke %1.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Data shared</source>
        <translation>Data som deles</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>No sub-processor %1 in the register.</source>
        <translation>Finner ingen underleverandør %1 i listen.</translation>
    </message>
    <message>
        <source>%1 is in the register already.</source>
        <translation>%1 står allerede i listen.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock ContractDesk</source>
        <translation>Lås opp ContractDesk</translation>
    </message>
    <message>
        <source>Enter the passphrase for the store in %1</source>
        <translation>Skriv inn passordfrasen for datafilen i %1</translation>
    </message>
</context>
<context>
    <name>UsageDialog</name>
    <message>
        <source>Record usage: %1</source>
        <translation>Registrer forbruk: %1</translation>
    </message>
    <message>
        <source>Record usage</source>
        <translation>Registrer forbruk</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Måned</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>&amp;Antall</translation>
    </message>
    <message>
        <source>Already recorded: %1. Saving replaces it.</source>
        <translation>Allerede registrert: %1. Lagring erstatter dette.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>%1: control characters are not allowed</source>
        <translation>%1: kontrolltegn er ikke tillatt</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1 må fylles ut</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters</source>
        <translation>%1 er lengre enn %2 tegn</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>%1: not a phone number</source>
        <translation>%1: ikke et telefonnummer</translation>
    </message>
    <message>
        <source>%1: not a valid phone number</source>
        <translation>%1: ikke et gyldig telefonnummer</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <source>the supplier</source>
        <extracomment>Parts of a snapshot set at issuing: not &quot;differences&quot; between two versions&apos; content.</extracomment>
        <translation>leverandøren</translation>
    </message>
    <message>
        <source>the customer (name, address, contact)</source>
        <translation>kunden (navn, adresse, kontakt)</translation>
    </message>
    <message>
        <source>the services and prices</source>
        <translation>tjenestene og prisene</translation>
    </message>
    <message>
        <source>the terms version</source>
        <translation>vilkårsversjonen</translation>
    </message>
    <message>
        <source>the customer&apos;s signatory</source>
        <translation>kundens signatar</translation>
    </message>
    <message>
        <source>the supplier&apos;s signatory</source>
        <translation>leverandørens signatar</translation>
    </message>
    <message>
        <source>the sub-processors</source>
        <translation>underleverandørene</translation>
    </message>
    <message>
        <source>the document&apos;s fields</source>
        <translation>dokumentets felt</translation>
    </message>
    <message>
        <source>the initials field</source>
        <translation>paraferingsfeltet</translation>
    </message>
    <message>
        <source>the document format</source>
        <translation>dokumentformatet</translation>
    </message>
    <message>
        <source>%1 is larger than 50 MB.</source>
        <translation>%1 er større enn 50 MB.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kan ikke lese %1: %2</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Filen er tom.</translation>
    </message>
    <message>
        <source>No ContractDesk code could be read on any page: not an issued document, or the scan is too poor (scan at 200 dpi or more).</source>
        <translation>Ingen ContractDesk-kode kunne leses på noen side: ikke et utstedt dokument, eller skanningen er for dårlig (skann med 200 dpi eller mer).</translation>
    </message>
    <message>
        <source>The file holds pages of several documents: %1.</source>
        <translation>Filen inneholder sider fra flere dokumenter: %1.</translation>
    </message>
    <message>
        <source>No document %1 was issued from this store.</source>
        <translation>Dokument %1 er ikke utstedt fra dette arkivet.</translation>
    </message>
    <message>
        <source>The fingerprint on the page matches no issued version of %1: the document is not what was issued (altered or forged).</source>
        <translation>Fingeravtrykket på siden passer ikke med noen utstedt versjon av %1: dokumentet er ikke det som ble utstedt (endret eller forfalsket).</translation>
    </message>
    <message>
        <source>This is version %1 of %2, issued %3, not the current version %4 (issued %5). Changed since: %6.</source>
        <translation>Dette er versjon %1 av %2, utstedt %3, ikke gjeldende versjon %4 (utstedt %5). Endret siden: %6.</translation>
    </message>
    <message>
        <source>nothing but the issue date</source>
        <translation>bare utstedelsesdatoen</translation>
    </message>
    <message>
        <source>%1, version %2 for %3 (%4), issued %5: exactly as issued.</source>
        <translation>%1, versjon %2 for %3 (%4), utstedt %5: nøyaktig som utstedt.</translation>
    </message>
    <message>
        <source>The file is byte for byte the PDF that was issued.</source>
        <translation>Filen er byte for byte den PDF-en som ble utstedt.</translation>
    </message>
</context>
<context>
    <name>VerifyDocumentDialog</name>
    <message>
        <source>Check document</source>
        <translation>Kontroller dokument</translation>
    </message>
    <message>
        <source>Drop a PDF or a scan of an agreement here
(PDF, PNG, JPEG, TIFF)</source>
        <translation>Slipp en PDF eller et skann av en avtale her
(PDF, PNG, JPEG, TIFF)</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>&amp;Velg en fil…</translation>
    </message>
    <message>
        <source>PDF or scan</source>
        <translation>PDF eller skann</translation>
    </message>
    <message>
        <source>Checking %1 …</source>
        <translation>Kontrollerer %1 …</translation>
    </message>
    <message>
        <source>✔ Exactly as issued</source>
        <translation>✔ Nøyaktig som utstedt</translation>
    </message>
    <message>
        <source>✖ Not the current version</source>
        <translation>✖ Ikke gjeldende versjon</translation>
    </message>
    <message>
        <source>✖ Not an issued document</source>
        <translation>✖ Ikke et utstedt dokument</translation>
    </message>
    <message>
        <source>Document: %1, version %2</source>
        <translation>Dokument: %1, versjon %2</translation>
    </message>
    <message>
        <source>Customer: %1 (%2)</source>
        <translation>Kunde: %1 (%2)</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Fingeravtrykk: %1</translation>
    </message>
</context>
<context>
    <name>VersionsModel</name>
    <message>
        <source>Label</source>
        <translation>Betegnelse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Gyldig fra</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publisert</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Set when the version is published. Content now: %1</source>
        <translation>Angis når versjonen publiseres. Innholdet nå: %1</translation>
    </message>
</context>
<context>
    <name>WalCheck</name>
    <message>
        <source>Copies of both files are in %1.</source>
        <translation>Kopier av begge filene ligger i %1.</translation>
    </message>
    <message>
        <source>The journal of %1 is damaged: %2 saved change(s) after the damage could not be read back, so the store was not opened and nothing was deleted. %3 Restore from a backup (contractdesk backup restore FILE), or keep the copies for expert help.</source>
        <translation>Journalen til %1 er skadet: %2 lagrede endring(er) etter skaden kunne ikke leses tilbake, så lageret ble ikke åpnet og ingenting ble slettet. %3 Gjenopprett fra en sikkerhetskopi (contractdesk backup restore FIL), eller ta vare på kopiene for ekspertevurdering.</translation>
    </message>
</context>
<context>
    <name>WhoisDialog</name>
    <message>
        <source>Name, e-mail or phone number</source>
        <translation>Navn, e-post eller telefonnummer</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Personer funnet</translation>
    </message>
    <message>
        <source>Who is this?</source>
        <translation>Hvem er dette?</translation>
    </message>
    <message>
        <source>Name, e-mail address or phone number</source>
        <translation>Navn, e-postadresse eller telefonnummer</translation>
    </message>
    <message>
        <source>E&amp;xport data…</source>
        <translation>E&amp;ksporter data…</translation>
    </message>
    <message>
        <source>&amp;Erase…</source>
        <translation>&amp;Slett…</translation>
    </message>
    <message>
        <source>&amp;Requests…</source>
        <translation>&amp;Henvendelser…</translation>
    </message>
    <message>
        <source>Type a name, e-mail address or phone number.</source>
        <translation>Skriv et navn, en e-postadresse eller et telefonnummer.</translation>
    </message>
    <message>
        <source>Not registered: NOT APPROVED. Persons not registered are turned away (terms §8).</source>
        <translation>Ikke registrert: IKKE GODKJENT. Personer som ikke er registrert, avvises (vilkårene §8).</translation>
    </message>
    <message numerus="yes">
        <source>Registered: %n person(s) found.</source>
        <translation>
            <numerusform>Registrert: %n person funnet.</numerusform>
            <numerusform>Registrert: %n personer funnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Registered, but without a role at any customer: NOT APPROVED.</source>
        <translation>Registrert, men uten rolle hos noen kunde: IKKE GODKJENT.</translation>
    </message>
    <message>
        <source>No role at any customer: not approved.</source>
        <translation>Ingen rolle hos noen kunde: ikke godkjent.</translation>
    </message>
    <message>
        <source>approved contact</source>
        <translation>godkjent kontakt</translation>
    </message>
    <message>
        <source>may order</source>
        <translation>kan bestille</translation>
    </message>
    <message>
        <source>may sign</source>
        <translation>kan signere</translation>
    </message>
    <message>
        <source>may add or remove contacts</source>
        <translation>kan legge til eller fjerne kontakter</translation>
    </message>
    <message>
        <source>Choose a person first.</source>
        <translation>Velg en person først.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Eksportert til %1.</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>Eksporter personopplysninger</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Ikke eksportert: %1</translation>
    </message>
    <message>
        <source>Erased. The id and history are kept.</source>
        <translation>Slettet. Id-en og historikken beholdes.</translation>
    </message>
</context>
<context>
    <name>WhoisModel</name>
    <message>
        <source>not approved</source>
        <translation>ikke godkjent</translation>
    </message>
</context>
<context>
    <name>YearlyAdjustmentDialog</name>
    <message>
        <source>Yearly price adjustment</source>
        <translation>Årlig prisjustering</translation>
    </message>
    <message>
        <source>the index</source>
        <translation>indeksen</translation>
    </message>
    <message>
        <source>&amp;Effective from</source>
        <translation>&amp;Gjelder fra</translation>
    </message>
    <message>
        <source>A&amp;nnounced on</source>
        <translation>&amp;Varslet</translation>
    </message>
    <message>
        <source>Change in &amp;percent</source>
        <translation>Endring i &amp;prosent</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>F&amp;orhåndsvis</translation>
    </message>
    <message>
        <source>&amp;Letters…</source>
        <translation>&amp;Brev…</translation>
    </message>
    <message>
        <source>Write one announcement letter per customer (PDF and e-mail draft)</source>
        <translation>Skriv ett varselbrev per kunde (PDF og e-postutkast)</translation>
    </message>
    <message>
        <source>&amp;Mark letters sent</source>
        <translation>&amp;Merk brevene som sendt</translation>
    </message>
    <message>
        <source>Record that the letters just written were sent today (proves the notice)</source>
        <translation>Registrer at brevene som nettopp ble skrevet, ble sendt i dag (dokumenterer varselet)</translation>
    </message>
    <message>
        <source>&amp;Save adjustment</source>
        <translation>&amp;Lagre justeringen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Noe gikk galt: %1</translation>
    </message>
    <message>
        <source>Index %1: %2 %; change %3 %. %4 with warnings.</source>
        <translation>Indeks %1: %2 %; endring %3 %. %4 med advarsler.</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n tjeneste</numerusform>
            <numerusform>%n tjenester</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n price(s) adjusted.</source>
        <translation>
            <numerusform>Lagret: %n pris justert.</numerusform>
            <numerusform>Lagret: %n priser justert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder for the letters</source>
        <translation>Mappe for brevene</translation>
    </message>
    <message>
        <source>Wrote %1 to %2.</source>
        <translation>Skrev %1 til %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s)</source>
        <translation>
            <numerusform>%n brev</numerusform>
            <numerusform>%n brev</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) recorded as sent.</source>
        <translation>
            <numerusform>%n brev registrert som sendt.</numerusform>
            <numerusform>%n brev registrert som sendt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YearlyModel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Tjeneste</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Pris</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Ny pris</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Endring</translation>
    </message>
    <message>
        <source>Announced</source>
        <translation>Varslet</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advarsler</translation>
    </message>
    <message>
        <source>%1 (not proved)</source>
        <translation>%1 (ikke dokumentert)</translation>
    </message>
</context>
<context>
    <name>_MovePage</name>
    <message>
        <source>Copy and check</source>
        <translation>Kopier og kontroller</translation>
    </message>
    <message>
        <source>&amp;Start the move</source>
        <translation>&amp;Start flyttingen</translation>
    </message>
    <message>
        <source>Start the move</source>
        <translation>Start flyttingen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Stop the move</source>
        <translation>Stopp flyttingen</translation>
    </message>
    <message>
        <source>Progress of the move</source>
        <translation>Fremdrift for flyttingen</translation>
    </message>
    <message>
        <source>Check per table</source>
        <translation>Kontroll per tabell</translation>
    </message>
    <message>
        <source>&amp;Open the server from the next start</source>
        <translation>&amp;Åpne serveren fra neste oppstart</translation>
    </message>
    <message>
        <source>Open the server from the next start</source>
        <translation>Åpne serveren fra neste oppstart</translation>
    </message>
    <message>
        <source>ContractDesk copies all your data into the empty database %1 and checks every table (row count and content). The data on this computer is not changed: it stays as the backup of the move.</source>
        <translation>ContractDesk kopierer alle dataene dine til den tomme databasen %1 og kontrollerer hver tabell (antall rader og innhold). Dataene på denne maskinen endres ikke: de blir liggende som sikkerhetskopi fra flyttingen.</translation>
    </message>
</context>
<context>
    <name>_ProfilePage</name>
    <message>
        <source>Your business</source>
        <translation>Din virksomhet</translation>
    </message>
    <message>
        <source>ContractDesk prints these details as the supplier on every agreement.</source>
        <translation>ContractDesk skriver disse opplysningene som leverandør på hver avtale.</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Gjenopprett fra sikkerhetskopi…</translation>
    </message>
    <message>
        <source>Restore your data from a backup, with the recovery key or its passphrase</source>
        <translation>Gjenopprett dataene dine fra en sikkerhetskopi, med gjenopprettingsnøkkelen eller passordet</translation>
    </message>
</context>
<context>
    <name>_ProtectionPage</name>
    <message>
        <source>Protect your data</source>
        <translation>Beskytt dataene dine</translation>
    </message>
    <message>
        <source>Unlock with a &amp;passphrase instead of the system keyring</source>
        <translation>Lås opp med en &amp;passordfrase i stedet for systemets nøkkelring</translation>
    </message>
    <message>
        <source>Pass&amp;phrase</source>
        <translation>Pass&amp;ordfrase</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Gjenta</translation>
    </message>
    <message>
        <source>Your data is encrypted. The key is kept in your system keyring, so ContractDesk opens without asking. Choose a passphrase instead if you prefer to type one.</source>
        <translation>Dataene dine er kryptert. Nøkkelen ligger i systemets nøkkelring, så ContractDesk åpnes uten å spørre. Velg en passordfrase i stedet hvis du heller vil skrive inn en.</translation>
    </message>
    <message>
        <source>Your data is encrypted. No system keyring is available here, so choose a passphrase: you will type it each time ContractDesk starts. It cannot be recovered if lost.</source>
        <translation>Dataene dine er kryptert. Ingen nøkkelring er tilgjengelig her, så velg en passordfrase: du skriver den inn hver gang ContractDesk starter. Den kan ikke gjenopprettes hvis du mister den.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Bruk minst %n tegn.</numerusform>
            <numerusform>Bruk minst %n tegn.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De to passordfrasene er ulike.</translation>
    </message>
</context>
<context>
    <name>present_error</name>
    <message>
        <source>Something went wrong. The details are in the log; please tell your supplier.</source>
        <translation>Noe gikk galt. Detaljene står i loggen; si fra til leverandøren din.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Noe gikk galt</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Ikke utført</translation>
    </message>
    <message>
        <source>%1: now “%2” (yours: “%3”)</source>
        <translation>%1: nå «%2» (din: «%3»)</translation>
    </message>
    <message>
        <source>Someone else changed this</source>
        <translation>Noen andre har endret dette</translation>
    </message>
    <message>
        <source>Someone else saved a change here after you opened it. Nothing of yours was saved. What is stored now:</source>
        <translation>Noen andre lagret en endring her etter at du åpnet skjemaet. Ingenting av ditt ble lagret. Dette er lagret nå:</translation>
    </message>
    <message>
        <source>Reload (discard my changes)</source>
        <translation>Last inn på nytt (forkast mine endringer)</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>ContractDesk is already running on %1. That window was brought forward.</source>
        <translation>ContractDesk kjører allerede på %1. Det vinduet ble hentet frem.</translation>
    </message>
</context>
</TS>
