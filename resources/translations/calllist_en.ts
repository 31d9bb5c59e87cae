<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>CallListPanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="158" />
        <source>連絡先</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="159" />
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="302" />
        <source>発信先リスト</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="160" />
        <source>連絡先一覧</source>
        <translation>All contacts</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="161" />
        <source>発信先リストを選択</source>
        <translation>Choose a call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="162" />
        <source>発信対象外を表示</source>
        <translation>Show excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="163" />
        <source>オフにすると、発信対象外にチェックが入った発信先を隠します</source>
        <translation>Off hides the targets marked as excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="164" />
        <source>検索: 会社名・担当者名・電話番号・カテゴリー</source>
        <translation>Search: company, person, phone, category</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="165" />
        <source>連絡先を検索: 会社名・担当者名・電話番号・カテゴリー</source>
        <translation>Search contacts: company, person, phone, category</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="167" />
        <source>担当の発信先がありません。
管理者が発信先リストであなたを発信先担当者にすると、ここに表示されます。</source>
        <translation>You have no targets yet.
They show here once a manager makes you the assignee of targets in a call list.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="248" />
        <source>すべてのカテゴリー</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="249" />
        <source>すべての最終通話ステータス</source>
        <translation>All last call statuses</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="278" />
        <source>表示 {0} / {1} 件</source>
        <translation>Showing {0} of {1}</translation>
    </message>
</context>
<context>
    <name>CallSession</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_session.py" line="77" />
        <source>通話中です。先に電話を切ってください。</source>
        <translation>A call is in progress. Hang up first.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_session.py" line="89" />
        <source>発信できません: {0}</source>
        <translation>Cannot call: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="178" />
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="179" />
        <source>切断</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="180" />
        <source>ミュート</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="181" />
        <source>保留</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="182" />
        <source>番号入力へ移動</source>
        <translation>Go to number entry</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="183" />
        <location filename="../../calllist_desktop/ui/main_window.py" line="221" />
        <source>コンパクトモード</source>
        <translation>Compact mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="184" />
        <location filename="../../calllist_desktop/ui/main_window.py" line="221" />
        <source>ワイドモード</source>
        <translation>Wide mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="185" />
        <source>モードを切り替え</source>
        <translation>Switch mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="186" />
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="187" />
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="190" />
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="191" />
        <location filename="../../calllist_desktop/ui/main_window.py" line="293" />
        <source>CallList Desktop について</source>
        <translation>About CallList Desktop</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="198" />
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="199" />
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="200" />
        <source>言語 / Language</source>
        <translation>言語 / Language</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="201" />
        <source>通話(&amp;C)</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="202" />
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="204" />
        <source>管理者</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="204" />
        <source>オペレーター</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="205" />
        <source>ログイン中: {0} ({1})</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="206" />
        <source>データ: {0}</source>
        <translation>Data: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="217" />
        <source>このパソコン (SQLite)</source>
        <translation>this computer (SQLite)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="222" />
        <source> — デモ回線</source>
        <translation> — demo line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="294" />
        <source>CallList Desktop {0}
発信先リストとオートコールのためのソフトフォン</source>
        <translation>CallList Desktop {0}
A softphone for call target lists and auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="317" />
        <source>通話中</source>
        <translation>In a call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="318" />
        <source>通話中です。電話を切って終了しますか?</source>
        <translation>A call is in progress. Hang up and quit?</translation>
    </message>
</context>
<context>
    <name>PhonePanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="157" />
        <source>電話番号を入力</source>
        <translation>Enter a phone number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="158" />
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="159" />
        <source>入力した番号に発信</source>
        <translation>Call the number typed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="160" />
        <source>切断</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="161" />
        <source>通話を終了</source>
        <translation>End the call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="162" />
        <source>応答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="163" />
        <source>拒否</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="164" />
        <source>デモ回線: 実際には発信しません</source>
        <translation>Demo line: no real calls are made</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="171" />
        <source>回線: オフライン</source>
        <translation>Line: offline</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="172" />
        <source>回線: 接続中…</source>
        <translation>Line: connecting…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="173" />
        <source>回線: 待受中</source>
        <translation>Line: ready</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="174" />
        <source>回線: 登録失敗</source>
        <translation>Line: registration failed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="176" />
        <source>デモ回線</source>
        <translation>Demo line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="193" />
        <source>発信中…</source>
        <translation>Calling…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="194" />
        <source>呼び出し中…</source>
        <translation>Ringing…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="195" />
        <source>通話中</source>
        <translation>In a call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="196" />
        <source>着信中</source>
        <translation>Incoming call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="202" />
        <source>(連絡先にない番号)</source>
        <translation>(not in contacts)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="249" />
        <source>電話番号として正しくありません</source>
        <translation>Not a valid phone number</translation>
    </message>
</context>
<context>
    <name>TargetTable</name>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="58" />
        <source>応答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="59" />
        <source>不応答</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="60" />
        <source>話中</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="61" />
        <source>拒否</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="62" />
        <source>番号不正</source>
        <translation>Invalid number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="63" />
        <source>失敗</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="64" />
        <source>取消</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="65" />
        <source>中断</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="66" />
        <source>不在着信</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="69" />
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="70" />
        <source>着信</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="72" />
        <source>通話中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="73" />
        <source>未発信</source>
        <translation>Never called</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="74" />
        <source>未割当</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="75" />
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="76" />
        <source>対象</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="77" />
        <source>対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="238" />
        <source>発信対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="244" />
        <source>選択</source>
        <translation>Select</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="248" />
        <source>取引先会社名</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="255" />
        <source>取引先担当者名</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="262" />
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="269" />
        <source>カテゴリー</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="277" />
        <source>最終通話ステータス</source>
        <translation>Last call status</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="285" />
        <source>最終通話種別</source>
        <translation>Last call type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="293" />
        <source>最終担当者</source>
        <translation>Last agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="300" />
        <source>最終通話日時</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="307" />
        <location filename="../../calllist_desktop/ui/table/columns.py" line="353" />
        <source>発信担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="314" />
        <source>発信対象</source>
        <translation>Targeted</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="24" />
        <source>ユーザーを選択</source>
        <translation>Choose user</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="27" />
        <source>作業するユーザーを選んでください</source>
        <translation>Choose who is working</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="30" />
        <source>管理者</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="30" />
        <source>オペレーター</source>
        <translation>operator</translation>
    </message>
</context>
</TS>