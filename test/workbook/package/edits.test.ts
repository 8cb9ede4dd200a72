import {
  addOverride,
  addRelationship,
  addSheets,
  addSheetTitles,
  freeRelId,
  maxSheetId,
  removeOverride,
  removeRelationship,
  setActiveTab,
  setSheetState,
} from "../../../src/workbook/package/edits";

// as Excel writes it, with what a user's book holds besides the sheets
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="xl" lastEdited="7"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="1"/></bookViews><sheets><sheet name="客户" sheetId="1" r:id="rId1"/><sheet name="Notes &amp; more" sheetId="4" r:id="rId2"/></sheets><definedNames><definedName name="Rate">Notes!$B$2</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">客户!$1:$2</definedName></definedNames><calcPr calcId="191029"/></workbook>`;

// openpyxl and others may prefix SpreadsheetML
const PREFIXED = `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="A" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`;

describe("workbook.xml", () => {
  test("sheets are added at the end; every other byte stays", () => {
    const out = addSheets(WORKBOOK, [
      { name: "分层概览", sheetId: 5, rid: "rId9" },
      { name: "_ClientLadder", sheetId: 6, rid: "rId10", state: "veryHidden" },
    ]);
    const added = '<sheet name="分层概览" sheetId="5" r:id="rId9"/><sheet name="_ClientLadder" sheetId="6" state="veryHidden" r:id="rId10"/>';
    expect(out).toBe(WORKBOOK.replace("</sheets>", `${added}</sheets>`));
    expect(maxSheetId(out)).toBe(6);
  });

  test("r: is declared on a new sheet when only openpyxl's own sheets declare it", () => {
    const openpyxl = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="A" sheetId="1" state="visible" r:id="rId1"/></sheets></workbook>`;
    expect(addSheets(openpyxl, [{ name: "B", sheetId: 2, rid: "rId9" }])).toContain(
      '<sheet name="B" sheetId="2" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/></sheets>',
    );
  });

  test("a prefixed workbook gets prefixed sheets; names are escaped", () => {
    const out = addSheets(PREFIXED, [{ name: `A & "B" <C>`, sheetId: 2, rid: "rId8" }]);
    expect(out).toContain('<x:sheet name="A &amp; &quot;B&quot; &lt;C&gt;" sheetId="2" r:id="rId8"/></x:sheets>');
  });

  test("the active tab is set in the first view, other view attributes kept", () => {
    const out = setActiveTab(WORKBOOK, 2);
    expect(out).toContain('<workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="2"/>');
    expect(out.replace(' activeTab="2"', "")).toBe(WORKBOOK.replace(' activeTab="1"', ""));
    expect(setActiveTab(PREFIXED, 0)).toContain('<x:bookViews><x:workbookView activeTab="0"/></x:bookViews><x:sheets>');
  });

  test("a sheet's state changes on its own element only", () => {
    const hidden = setSheetState(WORKBOOK, "rId2", "veryHidden");
    expect(hidden).toContain('<sheet state="veryHidden" name="Notes &amp; more" sheetId="4" r:id="rId2"/>');
    expect(setSheetState(hidden, "rId2", "visible")).toBe(WORKBOOK.replace('<sheet name="Notes', '<sheet name="Notes'));
  });
});

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`;

describe("relationships", () => {
  test("a free id follows the highest; adding and removing leave the rest as it was", () => {
    expect(freeRelId(RELS)).toBe("rId4");
    expect(freeRelId(RELS, ["rId4"])).toBe("rId5");
    const added = addRelationship(RELS, { id: "rId4", type: "t", target: "worksheets/sheet3.xml" });
    expect(added).toBe(RELS.replace("</Relationships>", '<Relationship Id="rId4" Type="t" Target="worksheets/sheet3.xml"/></Relationships>'));
    expect(removeRelationship(added, "rId4")).toBe(RELS);
  });
});

const TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;

test("content types: a part is registered once, and forgotten when it goes", () => {
  const once = addOverride(TYPES, "xl/worksheets/sheet3.xml", "ws");
  expect(addOverride(once, "/xl/worksheets/sheet3.xml", "ws")).toBe(once);
  expect(once).toContain('<Override PartName="/xl/worksheets/sheet3.xml" ContentType="ws"/></Types>');
  expect(removeOverride(once, "xl/worksheets/sheet3.xml")).toBe(TYPES);
});

const APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="3" baseType="lpstr"><vt:lpstr>客户</vt:lpstr><vt:lpstr>Notes</vt:lpstr><vt:lpstr>Rate</vt:lpstr></vt:vector></TitlesOfParts><Company></Company><AppVersion>16.0300</AppVersion></Properties>`;

test("app.xml: added sheets are counted and listed after the user's sheets, before the names", () => {
  const out = addSheetTitles(APP, ["分层概览", "A&B"]);
  expect(out).toContain("<vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>4</vt:i4>");
  expect(out).toContain(
    '<vt:vector size="5" baseType="lpstr"><vt:lpstr>客户</vt:lpstr><vt:lpstr>Notes</vt:lpstr><vt:lpstr>分层概览</vt:lpstr><vt:lpstr>A&amp;B</vt:lpstr><vt:lpstr>Rate</vt:lpstr></vt:vector>',
  );
  expect(out.slice(out.indexOf("<Company>"))).toBe(APP.slice(APP.indexOf("<Company>")));
  // an app.xml without the lists (LibreOffice writes a short one) is left alone
  const short = `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>LibreOffice</Application></Properties>`;
  expect(addSheetTitles(short, ["X"])).toBe(short);
});
