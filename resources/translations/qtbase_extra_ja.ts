<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that Qt's Japanese catalogue (qtbase_ja.qm, shipped with PySide6) lacks:
     Qt 6 renamed them, and the catalogue still has the old texts. Loaded after qtbase_ja in the
     Japanese UI (ui/translations.py); `make translations` compiles it. -->
<TS version="2.1" language="ja_JP">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>アドレス(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
</TS>
