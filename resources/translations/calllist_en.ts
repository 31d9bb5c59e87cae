<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AnalyticsPanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="122"/>
        <source>保存しました: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="192"/>
        <source>レポート</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="193"/>
        <source>リストの進捗</source>
        <translation>List progress</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="197"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="198"/>
        <source>継続中 (まだ発信できる)</source>
        <translation>In progress (attempts left)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="199"/>
        <source>未発信</source>
        <translation>Never called</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="203"/>
        <source>割合は発信対象外と発信禁止を除いた発信先に対するものです。</source>
        <translation>Shares are of the targets that can be called (excluded and do-not-call targets left out).</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="206"/>
        <source>チームの状況</source>
        <translation>Team board</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="208"/>
        <source>通話時間は 1 秒ごとに進みます。表は他の端末の変更に合わせて自動で更新されます。</source>
        <translation>Call times count up every second. The board follows changes from other computers by itself.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="269"/>
        <source>最新の状態を読み込めません: {0}</source>
        <translation>Cannot read the latest figures: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="306"/>
        <source>通話中 {0} 人</source>
        <translation>On a call: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="307"/>
        <source>オートコール中 {0} 人</source>
        <translation>Auto-calling: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="308"/>
        <source>待機中 {0} 人</source>
        <translation>Available: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="309"/>
        <source>オフライン {0} 人</source>
        <translation>Offline: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/panel.py" line="314"/>
        <source>今日の発信 {0} 件 · 応答 {1} 件</source>
        <translation>Today: {0} calls · {1} answered</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="463"/>
        <source>予期しないエラーが発生しました: {0}</source>
        <translation>An unexpected error occurred: {0}</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="154"/>
        <source>表示</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="155"/>
        <source>言語 / Language</source>
        <translation>言語 / Language</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="156"/>
        <source>システムに従う</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="157"/>
        <source>起動時のレイアウト</source>
        <translation>Layout at start</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="158"/>
        <source>前回のまま</source>
        <translation>As last time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="158"/>
        <source>コンパクトモード</source>
        <translation>Compact mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="158"/>
        <source>ワイドモード</source>
        <translation>Wide mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="161"/>
        <source>言語は保存するとすぐに切り替わります。</source>
        <translation>The language changes as soon as you save.</translation>
    </message>
</context>
<context>
    <name>AssigneeDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="35"/>
        <source>発信担当者を変更</source>
        <translation>Change assignee</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="37"/>
        <source>選択中の発信先 (%n 件) の発信担当者を設定します。</source>
        <translation>
            <numerusform>Set the assignee of the selected target (%n).</numerusform>
            <numerusform>Set the assignee of the selected targets (%n).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="41"/>
        <source>(なし)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="46"/>
        <source>発信担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="50"/>
        <source>発信担当者は電話番号ごとに決まります。同じ電話番号がほかの発信先リストにもある場合、そのリストの発信担当者も変わります。</source>
        <translation>The assignee belongs to the phone number. If the same number is also in other call lists, its assignee changes there too.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="58"/>
        <source>担当者を変更</source>
        <translation>Change assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/assignee_dialog.py" line="62"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AudioSettingsPage</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="181"/>
        <source>システムの既定</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="185"/>
        <source>{0} (未接続)</source>
        <translation>{0} (not connected)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="187"/>
        <source>スピーカーと同じ</source>
        <translation>Same as the speaker</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="189"/>
        <source>音声デバイスが見つかりません。通話は音声なしで行われます。</source>
        <translation>No sound devices found. Calls run without audio.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="191"/>
        <source>ヘッドセットをつないだら「更新」を押してください。</source>
        <translation>Plugged in a headset? Press Refresh.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="199"/>
        <source>通話中は一覧を更新できません。通話のあとで押してください。</source>
        <translation>The list cannot be refreshed during a call. Press it after the call.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="233"/>
        <source>テストできません: {0}</source>
        <translation>Cannot test: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="239"/>
        <source>話してください。1 秒後にスピーカーから聞こえます。</source>
        <translation>Speak: you will hear yourself from the speaker a second later.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="241"/>
        <source>「{0}」が見つからないため、既定のデバイスでテストしています。</source>
        <translation>“{0}” is not connected: testing on the default device.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="243"/>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="344"/>
        <source>テストを止める</source>
        <translation>Stop the test</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="255"/>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="344"/>
        <source>マイクとスピーカーをテスト</source>
        <translation>Test microphone and speaker</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="270"/>
        <source>録音フォルダーを選択</source>
        <translation>Choose the recordings folder</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="305"/>
        <source>録音フォルダーは完全なパスで指定してください (例: D:\録音)</source>
        <translation>Give the recordings folder as a full path (e.g. D:\Recordings)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="307"/>
        <source>録音フォルダーに指定した場所はフォルダーではありません</source>
        <translation>The recordings folder given is not a folder</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="329"/>
        <source>音声</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="331"/>
        <source>マイク</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="332"/>
        <source>スピーカー</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="333"/>
        <source>着信音</source>
        <translation>Ringing device</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="334"/>
        <source>スピーカー音量</source>
        <translation>Speaker volume</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="335"/>
        <source>マイク感度</source>
        <translation>Microphone gain</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="336"/>
        <source>テスト</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="337"/>
        <source>録音フォルダー</source>
        <translation>Recordings folder</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="341"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="342"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="343"/>
        <source>ユーザーデータフォルダー (既定)</source>
        <translation>User data folder (default)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="346"/>
        <source>通話録音のオン・オフは管理者がチーム全体に設定します (calllist recording on|off)。録音するときは、お客様にその旨をお伝えください。</source>
        <translation>A manager switches call recording on or off for the whole team (calllist recording on|off). When calls are recorded, tell your customers so.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="350"/>
        <source>チームの通話を録音する</source>
        <translation>Record the team&apos;s calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_audio_page.py" line="350"/>
        <source>チームの通話を録音する (管理者が設定します)</source>
        <translation>Record the team&apos;s calls (set by a manager)</translation>
    </message>
</context>
<context>
    <name>AudioStrip</name>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="121"/>
        <source>音声なし: 使えるマイクとスピーカーがありません (通話は続きます)</source>
        <translation>No audio: no usable microphone or speaker (the call goes on)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="124"/>
        <source>マイクがありません: 相手には聞こえません</source>
        <translation>No microphone: the other party cannot hear you</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="126"/>
        <source>スピーカーがありません: 相手の声は聞こえません</source>
        <translation>No speaker: you cannot hear the other party</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="131"/>
        <source>「{0}」が見つからないため、既定のデバイスを使っています</source>
        <translation>“{0}” is not connected: using the default device</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="138"/>
        <source>マイク</source>
        <translation>Mic</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="139"/>
        <source>相手</source>
        <translation>Other party</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="140"/>
        <source>● 録音中</source>
        <translation>● Recording</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="141"/>
        <source>マイクの音量 (ミュート中は 0)</source>
        <translation>Microphone level (0 while muted)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/audio_strip.py" line="142"/>
        <source>相手の声の音量</source>
        <translation>The other party&apos;s level</translation>
    </message>
</context>
<context>
    <name>AutoCallBar</name>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="190"/>
        <source>オートコール</source>
        <translation>Auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="191"/>
        <source>後処理</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="192"/>
        <source>時間切れでも入力内容は保存されます</source>
        <translation>Time up: what you typed is saved</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="193"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="194"/>
        <source>通話結果の区分 (自由に入力できます)</source>
        <translation>Disposition of the call (type your own if needed)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="195"/>
        <source>保存して次へ</source>
        <translation>Save and next</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="196"/>
        <source>延長 (+{0} 秒)</source>
        <translation>Extend (+{0} s)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="197"/>
        <source>後処理の時間を {0} 秒延ばします (入力中は自動で延びます)</source>
        <translation>Give the wrap-up {0} more seconds (typing extends it by itself)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="198"/>
        <source>後処理を終えて次の発信先へ</source>
        <translation>Finish the wrap-up and go to the next target</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="200"/>
        <source>再架電予約</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="251"/>
        <source>データ待ち</source>
        <translation>Waiting for the store</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="253"/>
        <source>{0} / {1} 件</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="256"/>
        <source>現在: {0}</source>
        <translation>Now: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="258"/>
        <source>次: {0}</source>
        <translation>Next: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="258"/>
        <source>次: なし</source>
        <translation>Next: none</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="304"/>
        <source>後処理 (残り {0} 秒)</source>
        <translation>Wrap-up ({0} s left)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="315"/>
        <source>準備中</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="316"/>
        <source>次の発信先へ</source>
        <translation>Moving on</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="317"/>
        <source>発信中</source>
        <translation>Dialling</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="318"/>
        <source>呼出中</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="319"/>
        <source>通話中</source>
        <translation>On a call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="320"/>
        <source>後処理中</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="321"/>
        <source>一時停止中</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="322"/>
        <source>回線待ち</source>
        <translation>Waiting for the line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="323"/>
        <source>終了</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="334"/>
        <source>この通話の後で一時停止します</source>
        <translation>Pausing after this call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="336"/>
        <source>エラーのため一時停止しました: {0}。再開するか停止してください。</source>
        <translation>Paused because of an error: {0}. Resume or stop.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="338"/>
        <source>{0} 件続けて発信に失敗したため一時停止しました。回線を確かめてから再開してください。</source>
        <translation>Paused after {0} failed calls in a row. Check the line, then resume.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="340"/>
        <source>データに接続できないため一時停止しました: {0}</source>
        <translation>Paused: the data cannot be reached: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="342"/>
        <source>データに接続できません。つながり次第、自動で続けます: {0}</source>
        <translation>The store cannot be reached. The run goes on by itself when it is back: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="345"/>
        <source>今日は祝日 ({0}) です。このリストの発信ルールは祝日に発信しません。発信できる日に再開してください。</source>
        <translation>Today is a public holiday ({0}), and this list&apos;s calling rules skip holidays. Resume on a calling day.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="348"/>
        <source>発信可能時間 ({0}) の外です。時間内に再開してください。</source>
        <translation>Outside the calling hours ({0}). Resume within them.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="360"/>
        <source>対象外・スキップ {0}</source>
        <translation>Excluded/skipped {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_bar.py" line="365"/>
        <source>まだ発信していません</source>
        <translation>No calls yet</translation>
    </message>
</context>
<context>
    <name>AutoCallController</name>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_controller.py" line="236"/>
        <source>オートコールを開始できません: {0}</source>
        <translation>Cannot start auto-call: {0}</translation>
    </message>
</context>
<context>
    <name>AutoCallSide</name>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="112"/>
        <source>発信先リスト「{0}」の {1} 件に、選択した行の {2} からオートコールを開始しますか?</source>
        <translation>Start auto-call on {1} targets of the call list “{0}”, from the selected row, {2}?</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="115"/>
        <source>発信先リスト「{0}」の {1} 件にオートコールを開始しますか?</source>
        <translation>Start auto-call on {1} targets of the call list “{0}”?</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="116"/>
        <source>オートコール開始</source>
        <translation>Start auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="119"/>
        <source>発信対象外の発信先にはかけません。一時停止・スキップ・停止はいつでもできます。</source>
        <translation>Excluded targets are not called. You can pause, skip or stop at any time.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="121"/>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="122"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="149"/>
        <source>オートコール</source>
        <translation>Auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="150"/>
        <source>オートコールの権限がありません。管理者に設定を依頼してください。</source>
        <translation>You are not allowed to auto-call. Ask an admin to enable it.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="156"/>
        <source>通話中です。通話が終わってから開始してください。</source>
        <translation>A call is in progress. Start when it has ended.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="161"/>
        <source>オートコールできる発信先がありません。</source>
        <translation>There are no targets to auto-call.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/autocall_side.py" line="234"/>
        <source>オートコールが終了しました。</source>
        <translation>Auto-call has finished.</translation>
    </message>
</context>
<context>
    <name>BulkEdits</name>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="74"/>
        <source>発信先 (%n 件) の発信担当者を「{0}」に変更しました</source>
        <translation>
            <numerusform>Changed the assignee of %n target to “{0}”</numerusform>
            <numerusform>Changed the assignee of %n targets to “{0}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="76"/>
        <source>発信先 (%n 件) の発信担当者をなしにしました</source>
        <translation>
            <numerusform>Cleared the assignee of %n target</numerusform>
            <numerusform>Cleared the assignee of %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="91"/>
        <source>発信先 (%n 件) を発信対象外にしました</source>
        <translation>
            <numerusform>Excluded %n target</numerusform>
            <numerusform>Excluded %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="93"/>
        <source>発信先 (%n 件) を発信対象にしました</source>
        <translation>
            <numerusform>Included %n target</numerusform>
            <numerusform>Included %n targets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="104"/>
        <source>発信先を削除</source>
        <translation>Delete targets</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="105"/>
        <source>選択中の発信先 (%n 件) をリスト「{0}」から削除しますか?</source>
        <translation>
            <numerusform>Delete the selected target (%n) from the list “{0}”?</numerusform>
            <numerusform>Delete the selected targets (%n) from the list “{0}”?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="108"/>
        <source>連絡先からは削除されません。通話履歴も残ります。</source>
        <translation>They stay in the contacts, and their call history is kept.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="117"/>
        <source>発信先 (%n 件) をリストから削除しました</source>
        <translation>
            <numerusform>Deleted %n target from the list</numerusform>
            <numerusform>Deleted %n targets from the list</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/bulk_edits.py" line="148"/>
        <source>連絡先 {0} を保存しました</source>
        <translation>Saved the contact {0}</translation>
    </message>
</context>
<context>
    <name>CallHistoryDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="266"/>
        <source>通話履歴: {0}</source>
        <translation>Call history: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>担当者</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>通話時間</source>
        <translation>Talk time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="271"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="273"/>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="306"/>
        <source>{0} 件の通話</source>
        <translation>{0} calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="306"/>
        <source>通話はまだありません</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="310"/>
        <source>履歴を読めませんでした: {0}</source>
        <translation>Could not read the history: {0}</translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="233"/>
        <source>連絡先</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="234"/>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="595"/>
        <source>発信先リスト</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="235"/>
        <source>連絡先一覧</source>
        <translation>All contacts</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="236"/>
        <source>発信先リストを選択</source>
        <translation>Choose a call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="237"/>
        <source>発信対象外を表示</source>
        <translation>Show excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="238"/>
        <source>オフにすると、発信対象外にチェックが入った発信先を隠します</source>
        <translation>Off hides the targets marked as excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="239"/>
        <source>今かけられる</source>
        <translation>Callable now</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="241"/>
        <source>オートコールが今発信する発信先だけを表示します (発信ルール・発信禁止番号・発信対象外・他の端末での発信を反映)</source>
        <translation>Show only the targets auto-call would dial now (list rules, do-not-call list, exclusion and other clients’ calls taken into account)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="243"/>
        <source>検索: 会社名・担当者名・電話番号・カテゴリー・最終担当者</source>
        <translation>Search: company, person, phone, category, last agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="244"/>
        <source>スペース、カタカナ/ひらがな、全角/半角の違いは区別しません。Esc で消去</source>
        <translation>Spaces, katakana/hiragana and full-/half-width make no difference. Esc clears it</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="245"/>
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="459"/>
        <source>{0} を発信対象外にしました (発信対象外は非表示です)</source>
        <translation>{0} is now excluded (excluded targets are hidden)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="490"/>
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="493"/>
        <source>発信対象に戻す</source>
        <translation>Include again</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="493"/>
        <source>発信対象外にする</source>
        <translation>Exclude</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="497"/>
        <source>番号をコピー</source>
        <translation>Copy number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="500"/>
        <source>履歴を表示</source>
        <translation>Show history</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contacts_tab.py" line="83"/>
        <source>連絡先を検索: 会社名・担当者名・電話番号・カテゴリー</source>
        <translation>Search contacts: company, person, phone, category</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="249"/>
        <source>担当の発信先がありません。
管理者が発信先リストであなたを発信先担当者にすると、ここに表示されます。</source>
        <translation>You have no targets yet.
They show here once a manager makes you the assignee of targets in a call list.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="379"/>
        <source>すべてのカテゴリー</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="380"/>
        <source>すべての最終通話ステータス</source>
        <translation>All last call statuses</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_list_panel.py" line="424"/>
        <source>表示 {0} / {1} 件</source>
        <translation>Showing {0} of {1}</translation>
    </message>
</context>
<context>
    <name>CallSession</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_session.py" line="185"/>
        <location filename="../../calllist_desktop/ui/call_session.py" line="277"/>
        <source>通話中です。先に電話を切ってください。</source>
        <translation>A call is in progress. Hang up first.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_session.py" line="247"/>
        <location filename="../../calllist_desktop/ui/call_session.py" line="285"/>
        <source>発信できません: {0}</source>
        <translation>Cannot call: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_session.py" line="451"/>
        <source>通話の結果をまだ保存できません。保存できるまで再試行します: {0}</source>
        <translation>The call&apos;s result cannot be saved yet; retrying until it can: {0}</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="102"/>
        <source>再架電予約</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="115"/>
        <source>自分</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="119"/>
        <source>誰でも (このリストの担当者なら誰でも)</source>
        <translation>Anyone (whoever works this list)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="122"/>
        <source>例: 担当者が15時以降なら在席</source>
        <translation>e.g. the contact is in after 3 pm</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="125"/>
        <source>発信先</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="126"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="127"/>
        <source>担当</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="128"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="130"/>
        <source>予約</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="132"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_dialog.py" line="150"/>
        <source>過ぎた日時には予約できません</source>
        <translation>A callback cannot be booked in the past</translation>
    </message>
</context>
<context>
    <name>CallbackNotice</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="180"/>
        <source>今すぐ発信</source>
        <translation>Call now</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="181"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="201"/>
        <source>{0} · {1} にかけ直す予定</source>
        <translation>{0} · call back at {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="204"/>
        <source>メモ: {0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="206"/>
        <source>リスト: {0}</source>
        <translation>List: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="222"/>
        <source>再架電の時間を過ぎています</source>
        <translation>A callback is overdue</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="222"/>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="253"/>
        <source>再架電の時間です</source>
        <translation>A callback is due</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="223"/>
        <source> (ほか {0} 件)</source>
        <translation> ({0} more)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callback_notice.py" line="225"/>
        <source>再架電 {0}</source>
        <translation>Callback {0}</translation>
    </message>
</context>
<context>
    <name>CallbacksModel</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="46"/>
        <source>予定日時</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="47"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="48"/>
        <source>発信先</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="49"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="50"/>
        <source>リスト</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="51"/>
        <source>担当</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="52"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="53"/>
        <source>予約した人</source>
        <translation>Booked by</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="57"/>
        <source>期限切れ</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="57"/>
        <source>時間です</source>
        <translation>Due now</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="57"/>
        <source>予定</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_model.py" line="162"/>
        <source>誰でも</source>
        <translation>Anyone</translation>
    </message>
</context>
<context>
    <name>CallbacksView</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="127"/>
        <source>自分の予約のみ</source>
        <translation>Only mine</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="128"/>
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="129"/>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="130"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="131"/>
        <source>再架電の予約はありません。
発信先の右クリックメニューや後処理から予約できます。</source>
        <translation>No callbacks booked.
Book one from a target’s right-click menu or in the wrap-up.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="167"/>
        <source>{0} 件 (期限切れ {1} 件)</source>
        <translation>Callbacks: {0} ({1} overdue)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="169"/>
        <source>{0} 件</source>
        <translation>Callbacks: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="177"/>
        <source>再架電予約を読めませんでした: {0}</source>
        <translation>Could not read the callbacks: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="210"/>
        <source>再架電予約の削除</source>
        <translation>Remove callback</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="211"/>
        <source>{0} の再架電予約 ({1}) を削除しますか?</source>
        <translation>Remove the callback to {0} ({1})?</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/callbacks_view.py" line="217"/>
        <source>再架電予約</source>
        <translation>Callbacks</translation>
    </message>
</context>
<context>
    <name>CallsPage</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="76"/>
        <source>{0}〜{1} 秒の間で指定してください</source>
        <translation>Enter {0} to {1} seconds</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="89"/>
        <source>通話</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="90"/>
        <source>後処理の時間</source>
        <translation>Wrap-up time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="94"/>
        <source>オートコールで通話が終わってから次の発信までの時間です。結果とメモを入力できます。</source>
        <translation>The time auto-call leaves between the end of a call and the next dial, to enter the result and a note.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="96"/>
        <source>手動で発信した通話の後にも後処理 (結果・メモ・再架電予約) を表示する</source>
        <translation>Show a wrap-up (disposition, note, callback) after calls dialled by hand too</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="97"/>
        <source>オフでも、履歴パネルからメモを追加できます。</source>
        <translation>When off, notes can still be added in the history panel.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="100"/>
        <source>発信可能時間は、発信先リストごとの「発信ルール」で管理者が設定します (チーム全員に適用)。呼び出し時間は「SIP 回線」のページで設定します。</source>
        <translation>Calling hours are part of each call list’s rules, set by a manager for the whole team. The ring time is set on the SIP line page.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="91"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_pages.py" line="92"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>CampaignSide</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="161"/>
        <source>このコンピューターの発信可能時間 ({0}) の設定は廃止されました。発信可能時間はリストごとの発信ルールで、管理者が決めます。</source>
        <translation>This computer&apos;s calling hours setting ({0}) has been retired: calling hours are now each list&apos;s calling rules, set by a manager.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="180"/>
        <source>このコンピューターの発信可能時間 ({0}) を、リスト{1}の発信ルールに移しました。</source>
        <translation>This computer&apos;s calling hours ({0}) were moved into the calling rules of the lists {1}.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="187"/>
        <source>このコンピューターの発信可能時間 ({0}) の設定は廃止されました。どのリストの発信ルールにも移していません。</source>
        <translation>This computer&apos;s calling hours setting ({0}) has been retired; it was not moved into any list&apos;s calling rules.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="203"/>
        <source>再架電予約</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="327"/>
        <source>{0} に再架電を予約しました</source>
        <translation>Callback booked for {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/window_side.py" line="439"/>
        <source>発信ルールを保存しました。次の発信から適用されます。</source>
        <translation>Calling rules saved. They apply from the next call.</translation>
    </message>
</context>
<context>
    <name>ChoiceFilterButton</name>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="216"/>
        <source>%n 件を選択</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="107"/>
        <source>連絡先を編集</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="110"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="110"/>
        <source>取引先会社名</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="110"/>
        <source>取引先担当者名</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="110"/>
        <source>カテゴリー</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="114"/>
        <source>「|」で区切って入力 (100 個まで)</source>
        <translation>Separate them with | (up to 100)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="116"/>
        <source>連絡先は電話番号ごとに 1 件です。この番号を含むすべての発信先リストに反映されます。</source>
        <translation>A phone number has one contact: the change shows in every call list that holds this number.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="118"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="119"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="153"/>
        <source>最新の内容を読み込みました。確認してからもう一度保存してください。</source>
        <translation>The latest version has been read: check it and save again.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/contact_dialog.py" line="156"/>
        <source>保存できませんでした: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>DelayEdit</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="79"/>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="80"/>
        <source>分</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="80"/>
        <source>時間</source>
        <translation>h</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="80"/>
        <source>日</source>
        <translation>days</translation>
    </message>
</context>
<context>
    <name>DialGuard</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dial_guard.py" line="108"/>
        <source>発信できません</source>
        <translation>Cannot call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dial_guard.py" line="119"/>
        <source>発信可能時間外</source>
        <translation>Outside calling hours</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dial_guard.py" line="120"/>
        <source>今はこのリストの発信可能時間 ({0}) の外です。発信しますか?</source>
        <translation>It is outside this list’s calling hours ({0}) now. Call anyway?</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dial_guard.py" line="124"/>
        <source>発信する</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dial_guard.py" line="125"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DispositionsDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="112"/>
        <source>結果の種類</source>
        <translation>Dispositions</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="113"/>
        <source>結果</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="113"/>
        <source>発信を終える</source>
        <translation>Ends the target</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="113"/>
        <source>発信禁止に追加</source>
        <translation>Adds to do-not-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="114"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="114"/>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="114"/>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="114"/>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="119"/>
        <source>後処理で選べる結果です。「発信を終える」結果の発信先には、オートコールが再び発信しません。名前はダブルクリックで変更できます。</source>
        <translation>The dispositions offered in the wrap-up. Auto-call does not call a target again once it has a disposition that ends it. Double-click a name to change it.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="124"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="125"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="136"/>
        <source>新しい結果</source>
        <translation>New disposition</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="178"/>
        <source>名前のない結果があります</source>
        <translation>A disposition has no name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dispositions_dialog.py" line="180"/>
        <source>同じ名前の結果が2つあります</source>
        <translation>Two dispositions have the same name</translation>
    </message>
</context>
<context>
    <name>DncDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="140"/>
        <source>発信禁止番号</source>
        <translation>Do-not-call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="141"/>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="143"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="141"/>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="145"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="141"/>
        <source>追加した人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="141"/>
        <source>追加日時</source>
        <translation>Added at</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="142"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="142"/>
        <source>内容</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="146"/>
        <source>例: 本人から発信停止の依頼</source>
        <translation>e.g. asked not to be called</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="147"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="148"/>
        <source>選択した番号を削除…</source>
        <translation>Remove selected…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="149"/>
        <source>CSV から取り込む…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="150"/>
        <source>CSV に書き出す…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="151"/>
        <source>文字コード: 自動判定</source>
        <translation>Encoding: detect</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="154"/>
        <source>UTF-8 (BOM 付き, Excel 向け)</source>
        <translation>UTF-8 with BOM (for Excel)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="202"/>
        <source>{0} 件の番号が発信禁止です。誰も、手動でもオートコールでも発信できません。</source>
        <translation>{0} numbers are on the do-not-call list. No one can call them, by hand or by auto-call.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="215"/>
        <source>電話番号として読めません: {0}</source>
        <translation>Not a phone number: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="228"/>
        <source>{0} は既に発信禁止番号です (理由は変わりません)</source>
        <translation>{0} is on the do-not-call list already (its reason stays)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="252"/>
        <source>発信禁止番号の削除</source>
        <translation>Remove from the do-not-call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="252"/>
        <source>{0} 件を発信禁止から外しますか?
{1}</source>
        <translation>Take {0} numbers off the do-not-call list?
{1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="273"/>
        <source>発信禁止番号の CSV</source>
        <translation>Do-not-call CSV</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="273"/>
        <source>CSV ファイル (*.csv *.txt);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="293"/>
        <source>ファイルを読めません: {0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="301"/>
        <source>{0} 件のエラーがあるため取り込みませんでした (何も変更していません)</source>
        <translation>Not imported: {0} errors (nothing was changed)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="304"/>
        <source>{0} 件を取り込みました (登録済み {1} 件)。</source>
        <translation>Imported {0} ({1} were on the list already).</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="313"/>
        <source>発信禁止番号を書き出す</source>
        <translation>Export the do-not-call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/dnc_dialog.py" line="313"/>
        <source>CSV ファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="188"/>
        <source>CSV ファイルの作成</source>
        <translation>Create CSV file</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="191"/>
        <source>リスト「{0}」の発信先 (%n 件) を CSV ファイルに書き出します。</source>
        <translation>
            <numerusform>Writes the target (%n) of list “{0}” to a CSV file.</numerusform>
            <numerusform>Writes the targets (%n) of list “{0}” to a CSV file.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="196"/>
        <source>書き出す発信先</source>
        <translation>Targets</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="198"/>
        <source>リスト全体 (%n 件)</source>
        <translation>
            <numerusform>The whole list (%n target)</numerusform>
            <numerusform>The whole list (%n targets)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="200"/>
        <source>表示中の発信先 (絞り込み後, %n 件)</source>
        <translation>
            <numerusform>The target shown (filtered, %n)</numerusform>
            <numerusform>The targets shown (filtered, %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="203"/>
        <source>チェックした発信先 (%n 件)</source>
        <translation>
            <numerusform>The checked target (%n)</numerusform>
            <numerusform>The checked targets (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="205"/>
        <source>文字コード</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="207"/>
        <source>UTF-8 (BOM 付き, Excel 向け)</source>
        <translation>UTF-8 with BOM (for Excel)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="208"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="209"/>
        <source>Shift_JIS (CP932)</source>
        <translation>Shift_JIS (CP932)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="215"/>
        <source>Excel で開くなら「UTF-8 (BOM 付き)」がおすすめです。Shift_JIS では絵文字など一部の文字を書き出せません。</source>
        <translation>To open the file in Excel, “UTF-8 with BOM” is recommended. Shift_JIS cannot hold some characters, such as emoji.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="218"/>
        <source>UTF-8 (BOM 付き) で保存</source>
        <translation>Save as UTF-8 with BOM</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="219"/>
        <source>エクスポート</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="220"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="259"/>
        <source>CSV ファイルの保存先</source>
        <translation>Save CSV file as</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="261"/>
        <source>CSV ファイル (*.csv);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="301"/>
        <source>ファイルは作成していません。</source>
        <translation>No file was created.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="307"/>
        <source>ファイルに書き込めません ({0}): {1}</source>
        <translation>Cannot write the file ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/export_dialog.py" line="310"/>
        <source>書き出しに失敗しました: {0}</source>
        <translation>Export failed: {0}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="316"/>
        <source>検索: 会社名・担当者名・電話番号・カテゴリー</source>
        <translation>Search: company, person, phone, category</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="317"/>
        <source>発信対象</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="318"/>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="330"/>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="318"/>
        <source>対象のみ</source>
        <translation>Targeted only</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="318"/>
        <source>対象外のみ</source>
        <translation>Excluded only</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="320"/>
        <source>絞り込みを解除</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="321"/>
        <source>すべての絞り込みを解除して、全件を表示します</source>
        <translation>Clear every filter and show all targets</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="323"/>
        <source>発信担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="324"/>
        <source>カテゴリー</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="325"/>
        <source>最終通話種別</source>
        <translation>Last call type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="326"/>
        <source>最終通話ステータス</source>
        <translation>Last call status</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="327"/>
        <source>最終担当者</source>
        <translation>Last agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="331"/>
        <source>最終通話日時</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/filter_bar.py" line="333"/>
        <source>チェックを入れると、最終通話日時がこの期間 (両端を含む) の発信先だけを表示します</source>
        <translation>When checked, shows only the targets whose last call falls in this period (both dates included)</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="201"/>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="204"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="205"/>
        <source>種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="206"/>
        <source>担当者</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="208"/>
        <source>結果</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="183"/>
        <source>履歴を閉じる</source>
        <translation>Close the history</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="183"/>
        <source>履歴を開く</source>
        <translation>Open the history</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="209"/>
        <source>通話時間</source>
        <translation>Talk time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="210"/>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="277"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="207"/>
        <source>ステータス</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="213"/>
        <source>メモを追加 (通話なしで記録)</source>
        <translation>Add a note (without a call)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="214"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="295"/>
        <source>録音なし: {0}</source>
        <translation>No recording: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="301"/>
        <source>この番号との通話もメモもまだありません。下の欄からメモを残せます。</source>
        <translation>No calls or notes with this number yet. You can leave a note in the field below.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="192"/>
        <source>発信先を選ぶと、その番号の通話とメモがここに表示されます。</source>
        <translation>Choose a target to see its calls and notes here.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="293"/>
        <source>ダブルクリックまたは Enter で録音を再生</source>
        <translation>Double-click or press Enter to play the recording</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/history_panel.py" line="307"/>
        <source>履歴を読めませんでした: {0}</source>
        <translation>Could not read the history: {0}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="298"/>
        <source>発信先を追加 — {0}</source>
        <translation>Add targets — {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="299"/>
        <source>発信先リスト</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="300"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="301"/>
        <source>CSV ファイルを選ぶか、ここにドロップしてください</source>
        <translation>Choose a CSV file or drop it here</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="302"/>
        <source>ファイルを選択…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="303"/>
        <source>発信先担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="317"/>
        <source>文字コード</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="320"/>
        <source>レポートを保存…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="321"/>
        <source>エラーと警告を CSV ファイルに保存します</source>
        <translation>Save the errors and warnings to a CSV file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="322"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="351"/>
        <source>取り込む行 ({0})</source>
        <translation>Rows to import ({0})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="352"/>
        <source>エラーと警告 ({0})</source>
        <translation>Errors and warnings ({0})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="368"/>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="368"/>
        <source>確認しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="373"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="373"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="382"/>
        <source>レポートを保存しました: {0}</source>
        <translation>Report saved: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="384"/>
        <source>レポートを保存できません: {0}</source>
        <translation>Cannot save the report: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="304"/>
        <source>変更しない（新しい番号は担当者なし）</source>
        <translation>Leave as is (new numbers: no assignee)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="307"/>
        <source>取り込む発信先すべての担当者。「変更しない」では、既にある番号は今の担当者のまま（ファイルに発信担当者の列があればその人）、新しい番号は担当者なしになります</source>
        <translation>The assignee of every imported target. “Leave as is” keeps the assignee of numbers already known (or takes the one the file&apos;s 発信担当者 column names); new numbers get none</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="311"/>
        <source>エラーの行を除いて保存</source>
        <translation>Save without the rows with errors</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="314"/>
        <source>エラーのない行だけを取り込み、エラーのある行は取り込みません（どの行かは結果に表示します）</source>
        <translation>Import only the rows without errors and leave the others out (the result names them)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="438"/>
        <source>CSV ファイルを選択</source>
        <translation>Choose a CSV file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="440"/>
        <source>CSV ファイル (*.csv *.tsv *.txt);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv *.tsv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="507"/>
        <source>{0}_エラー.csv</source>
        <translation>{0}_errors.csv</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="508"/>
        <source>レポートを保存</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_dialog.py" line="508"/>
        <source>CSV ファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>ImportWording</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="24"/>
        <source>自動判別</source>
        <translation>Auto-detect</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="26"/>
        <source>UTF-8 (BOM付き)</source>
        <translation>UTF-8 with BOM</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="36"/>
        <source>検出: {0}</source>
        <translation>Detected: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="38"/>
        <source>タブ区切り</source>
        <translation>tab-separated</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="38"/>
        <source>カンマ区切り</source>
        <translation>comma-separated</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="39"/>
        <source>・{0}</source>
        <translation>, {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="49"/>
        <source>CSV ファイルを選んでください。1 行目に見出し（取引先会社名, 取引先担当者名, 電話番号, カテゴリー）が必要です</source>
        <translation>Choose a CSV file. Its first row must name the columns (取引先会社名, 取引先担当者名, 電話番号, カテゴリー, or company, person, phone, categories)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="52"/>
        <source>ファイルを確認しています…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="56"/>
        <source>取り込みました: 追加 {0} 件、上書き {1} 件 ／ 連絡先 新規 {2} 件、更新 {3} 件</source>
        <translation>Imported: {0} added, {1} overwritten; contacts: {2} new, {3} updated</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="60"/>
        <source>。エラーのため取り込まなかった行 ({0} 行): {1}</source>
        <translation>. Rows left out because of errors ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="65"/>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="69"/>
        <source>（警告 {0} 件）</source>
        <translation> (warnings: {0})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="75"/>
        <source>エラー {0} 件（{1} 行）: ファイルを直すか、「エラーの行を除いて保存」でほかの行だけを取り込めます</source>
        <translation>{0} errors ({1} rows): fix the file, or use “Save without the rows with errors” to import only the other rows</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="80"/>
        <source>保存できませんでした: エラー {0} 件。発信先リストは変更されていません</source>
        <translation>Not saved (errors: {0}). The call list has not changed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="84"/>
        <source>エラー {0} 件: このままでは保存できません。一覧を確かめ、ファイルか文字コードを直してください</source>
        <translation>Errors: {0}. Cannot save like this: check the list, then fix the file or the encoding</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="88"/>
        <source>取り込む発信先がありません</source>
        <translation>No targets to import</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="90"/>
        <source>{0} 件を取り込めます: 追加 {1} ／ 上書き {2}&#x3000;連絡先 新規 {3} ／ 更新 {4}</source>
        <translation>Ready to import {0}: {1} added / {2} overwritten; contacts: {3} new / {4} updated</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="100"/>
        <source>。担当者のいない発信先が {0} 件あります（発信先リストで担当者を設定できます）</source>
        <translation>. {0} targets have no assignee (set one in the call list)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="107"/>
        <source>ユーザーを読み込めません: {0}</source>
        <translation>Cannot load the users: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="109"/>
        <source>保存できませんでした: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="112"/>
        <source>ファイル「{0}」を読み込めません: {1}</source>
        <translation>Cannot read the file “{0}”: {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="113"/>
        <source>ファイル「{0}」を確認できません: {1}</source>
        <translation>Cannot check the file “{0}”: {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="120"/>
        <source>ファイルが大きすぎます（{0} MB、{1} MB まで）</source>
        <translation>The file is too large ({0} MB; the limit is {1} MB)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="124"/>
        <source>フォルダーです。ファイルを選んでください</source>
        <translation>This is a folder. Choose a file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="127"/>
        <source>通常のファイルではありません（デバイス、パイプなど）。CSV ファイルを選んでください</source>
        <translation>Not a regular file (a device, a pipe…): choose a CSV file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="130"/>
        <source>ファイルが見つかりません</source>
        <translation>File not found</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="132"/>
        <source>ファイルを開く権限がありません</source>
        <translation>No permission to open the file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_wording.py" line="137"/>
        <source>予期しないエラー ({0}: {1})</source>
        <translation>Unexpected error ({0}: {1})</translation>
    </message>
</context>
<context>
    <name>IssuesModel</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="111"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="111"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="111"/>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="111"/>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="128"/>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="128"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>ListActions</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="34"/>
        <source>新規作成</source>
        <translation>New list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="35"/>
        <source>新しい発信先リストの名前:</source>
        <translation>Name of the new call list:</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="44"/>
        <source>リスト「{0}」を作成しました</source>
        <translation>Created the list “{0}”</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="48"/>
        <source>リストを作成できません</source>
        <translation>Cannot create the list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="61"/>
        <source>名前を変更</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="62"/>
        <source>リスト「{0}」の新しい名前:</source>
        <translation>New name for the list “{0}”:</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="72"/>
        <source>リスト「{0}」の名前を「{1}」に変更しました</source>
        <translation>Renamed the list “{0}” to “{1}”</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="76"/>
        <source>名前を変更できません</source>
        <translation>Cannot rename the list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="90"/>
        <source>発信先リストを削除</source>
        <translation>Delete call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="91"/>
        <source>リスト「{0}」を削除しますか?</source>
        <translation>Delete the list “{0}”?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="93"/>
        <source>このリストと、その発信先 (%n 件) が削除されます。連絡先と通話履歴は残ります。この操作は元に戻せません。</source>
        <translation>
            <numerusform>The list and its %n target will be deleted. Contacts and call history are kept. This cannot be undone.</numerusform>
            <numerusform>The list and its %n targets will be deleted. Contacts and call history are kept. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="106"/>
        <source>リスト「{0}」と発信先 (%n 件) を削除しました</source>
        <translation>
            <numerusform>Deleted the list “{0}” and its %n target</numerusform>
            <numerusform>Deleted the list “{0}” and its %n targets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/list_actions.py" line="112"/>
        <source>リストを削除できません</source>
        <translation>Cannot delete the list</translation>
    </message>
</context>
<context>
    <name>ListProgress</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="37"/>
        <source>発信先リスト</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="38"/>
        <source>進捗</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="39"/>
        <source>発信先</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="40"/>
        <source>未発信</source>
        <translation>Never called</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="41"/>
        <source>継続中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="42"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="43"/>
        <source>発信対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="44"/>
        <source>発信禁止</source>
        <translation>Do not call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="45"/>
        <source>再架電 (期限)</source>
        <translation>Callbacks due</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="48"/>
        <source>まだ一度も発信していない発信先</source>
        <translation>Targets not called yet</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="49"/>
        <source>発信済みで、まだ発信できる回数が残っている発信先</source>
        <translation>Targets called that still have attempts left</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="50"/>
        <source>通話結果または結果 (後処理) で完了した発信先</source>
        <translation>Targets finished by a call&apos;s outcome or disposition</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="51"/>
        <source>発信禁止番号に登録されている発信先</source>
        <translation>Targets whose number is on the do-not-call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="52"/>
        <source>予約の時刻を過ぎた再架電</source>
        <translation>Callbacks whose time has come</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/progress.py" line="130"/>
        <source>完了 {0} · 継続中 {1} · 未発信 {2} (発信できる発信先 {3} 件中)</source>
        <translation>Done {0} · in progress {1} · never called {2} (of {3} targets that can be called)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="212"/>
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="219"/>
        <source>切断</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="224"/>
        <source>発信をやめる</source>
        <translation>Cancel the dial</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="229"/>
        <source>ミュート</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="240"/>
        <source>保留</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="246"/>
        <source>番号入力へ移動</source>
        <translation>Go to number entry</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="215"/>
        <source>再発信</source>
        <translation>Redial</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="156"/>
        <location filename="../../calllist_desktop/ui/main_window.py" line="329"/>
        <source>コンパクトモード</source>
        <translation>Compact mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="166"/>
        <location filename="../../calllist_desktop/ui/main_window.py" line="329"/>
        <source>ワイドモード</source>
        <translation>Wide mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="174"/>
        <source>モードを切り替え</source>
        <translation>Switch mode</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="177"/>
        <source>全画面表示</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="151"/>
        <source>ユーザーを切り替え…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="184"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="192"/>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="153"/>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="249"/>
        <source>回線に再接続</source>
        <translation>Reconnect the line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="253"/>
        <source>通話中とオートコール中は再接続できません</source>
        <translation>The line cannot be reconnected during a call or auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="323"/>
        <source>発信ルール…</source>
        <translation>Calling rules…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="324"/>
        <source>発信禁止番号…</source>
        <translation>Do-not-call list…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="325"/>
        <source>結果の種類…</source>
        <translation>Dispositions…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="327"/>
        <location filename="../../calllist_desktop/ui/main_window.py" line="564"/>
        <source>CallList Desktop について</source>
        <translation>About CallList Desktop</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="311"/>
        <location filename="../../calllist_desktop/ui/main_window.py" line="313"/>
        <source>発信先リストの管理</source>
        <translation>Manage call lists</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="317"/>
        <source>発信先を追加…</source>
        <translation>Add targets…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="320"/>
        <source>ユーザー管理…</source>
        <translation>Manage users…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="261"/>
        <source>オートコール開始</source>
        <translation>Start auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="270"/>
        <source>選択した行からオートコール</source>
        <translation>Auto-call from the selected row</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="285"/>
        <source>再開</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="278"/>
        <location filename="../../calllist_desktop/ui/actions.py" line="287"/>
        <source>一時停止</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="297"/>
        <source>スキップ</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="304"/>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="152"/>
        <source>設定…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="326"/>
        <source>ログフォルダーを開く</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="162"/>
        <source>コンパクト</source>
        <translation>Compact</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="172"/>
        <source>ワイド</source>
        <translation>Wide</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="235"/>
        <source>この回線ではミュートできません</source>
        <translation>This line cannot mute</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="55"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="56"/>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="58"/>
        <source>言語 / Language</source>
        <translation>言語 / Language</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="60"/>
        <source>通話(&amp;C)</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="63"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="62"/>
        <source>管理(&amp;A)</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="61"/>
        <source>オートコール(&amp;O)</source>
        <translation>Aut&amp;o-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="145"/>
        <source>オートコールの権限がありません (管理者が設定します)</source>
        <translation>You are not allowed to auto-call (an admin can enable it)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="298"/>
        <source>回線を開始できません: {0}</source>
        <translation>Cannot start the line: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="315"/>
        <source>分析</source>
        <translation>Analytics</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="317"/>
        <source>管理者</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="317"/>
        <source>オペレーター</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="318"/>
        <source>ログイン中: {0} ({1})</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="319"/>
        <source>データ: {0}</source>
        <translation>Data: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="324"/>
        <source>このパソコン (SQLite)</source>
        <translation>this computer (SQLite)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="330"/>
        <source> — デモ回線</source>
        <translation> — demo line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="468"/>
        <source>ログフォルダーを開けませんでした: {0}</source>
        <translation>Could not open the log folder: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/actions.py" line="290"/>
        <source>この通話の後で一時停止します。もう一度押すと取り消します</source>
        <translation>Pausing after this call. Press again to take it back</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="565"/>
        <source>CallList Desktop {0}
発信先リストとオートコールのためのソフトフォン</source>
        <translation>CallList Desktop {0}
A softphone for call target lists and auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="592"/>
        <source>通話中</source>
        <translation>In a call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/main_window.py" line="593"/>
        <source>通話中です。電話を切って終了しますか?</source>
        <translation>A call is in progress. Hang up and quit?</translation>
    </message>
</context>
<context>
    <name>ManagementPanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="268"/>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="561"/>
        <source>発信先リスト</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="269"/>
        <source>表示する発信先リスト</source>
        <translation>The call list to show</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="270"/>
        <source>新規作成</source>
        <translation>New list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="271"/>
        <source>名前を変更</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="272"/>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="537"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="273"/>
        <source>このリストを削除します (連絡先と通話履歴は残ります)</source>
        <translation>Delete this list (contacts and call history are kept)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="274"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="275"/>
        <source>発信先リストを最新の状態に更新します (F5)</source>
        <translation>Reload the call list with the latest changes (F5)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="276"/>
        <source>CSV ファイルの作成</source>
        <translation>Create CSV file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="277"/>
        <source>発信先を追加</source>
        <translation>Add targets</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="278"/>
        <source>すべて選択</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="279"/>
        <source>表示中 (絞り込み後) の発信先すべてにチェックを入れます</source>
        <translation>Check every target shown (after filtering)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="280"/>
        <source>選択を解除</source>
        <translation>Clear selection</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="281"/>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="283"/>
        <source>発信先リストがありません。
[新規作成] でリストを作成してください。</source>
        <translation>There are no call lists yet.
Click [New list] to create one.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="353"/>
        <source>{0} (%n 件)</source>
        <translation>
            <numerusform>{0} (%n target)</numerusform>
            <numerusform>{0} (%n targets)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="373"/>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="440"/>
        <source>表示 {0} / 全 {1} 件</source>
        <translation>Showing {0} of {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="445"/>
        <source>選択中の発信先 (%n 件) を編集</source>
        <translation>
            <numerusform>Edit the selected target (%n)</numerusform>
            <numerusform>Edit the selected targets (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="446"/>
        <source>選択中の発信先 (%n 件) を発信対象外にする</source>
        <translation>
            <numerusform>Exclude the selected target (%n)</numerusform>
            <numerusform>Exclude the selected targets (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="447"/>
        <source>選択中の発信先 (%n 件) を発信対象にする</source>
        <translation>
            <numerusform>Include the selected target (%n)</numerusform>
            <numerusform>Include the selected targets (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="448"/>
        <source>選択中の発信先 (%n 件) を削除</source>
        <translation>
            <numerusform>Delete the selected target (%n)</numerusform>
            <numerusform>Delete the selected targets (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="452"/>
        <source>連絡先を編集…</source>
        <translation>Edit contact…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="453"/>
        <source>%n 件選択中</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="464"/>
        <source>発信先にチェックを入れると、まとめて操作できます</source>
        <translation>Check targets to act on them all at once</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="529"/>
        <source>CSV ファイルを作成しました: {0}</source>
        <translation>Created the CSV file: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="538"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="554"/>
        <source>最新の内容を読み込みました。確認してからもう一度操作してください。</source>
        <translation>The list has been read again: check it and try again.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/panel.py" line="558"/>
        <source>予期しないエラーが起きました: {0}</source>
        <translation>An unexpected error occurred: {0}</translation>
    </message>
</context>
<context>
    <name>PhonePanel</name>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="248"/>
        <source>電話番号を入力</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="249"/>
        <source>発信</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="250"/>
        <source>入力した番号に発信</source>
        <translation>Call the number typed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="251"/>
        <source>切断</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="391"/>
        <source>通話を終了</source>
        <translation>End the call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="252"/>
        <source>応答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="253"/>
        <source>拒否</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="254"/>
        <source>デモ回線: 実際には発信しません</source>
        <translation>Demo line: no real calls are made</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="255"/>
        <source>ミュート中</source>
        <translation>Muted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="266"/>
        <source>回線: オフライン</source>
        <translation>Line: offline</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="267"/>
        <source>回線: 接続中…</source>
        <translation>Line: connecting…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="268"/>
        <source>回線: 待受中</source>
        <translation>Line: ready</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="269"/>
        <source>回線: 登録失敗</source>
        <translation>Line: registration failed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="271"/>
        <source>デモ回線</source>
        <translation>Demo line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="275"/>
        <source>音声なし（マイク・スピーカー未接続）</source>
        <translation>No audio (no microphone or speaker joined)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="320"/>
        <source>送信したトーン: {0}</source>
        <translation>Tones sent: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="363"/>
        <source>{0}でした</source>
        <translation>Ended: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="391"/>
        <source>発信をやめる</source>
        <translation>Cancel the dial</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="428"/>
        <source>番号に数字がありません。</source>
        <translation>The number has no digits.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="430"/>
        <source>番号の桁が足りません ({0} 桁)。市外局番から入力してください。</source>
        <translation>The number is too short ({0} digits). Type it with its area code.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="432"/>
        <source>番号の桁が多すぎます ({0} 桁)。</source>
        <translation>The number is too long ({0} digits).</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="434"/>
        <source>この番号は日本の電話番号として使われていません。番号を確かめてください。</source>
        <translation>This is not a number in use in Japan. Check the number.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="435"/>
        <source>発信できません: {0}</source>
        <translation>Cannot call: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/phone_panel.py" line="327"/>
        <source>(連絡先にない番号)</source>
        <translation>(not in contacts)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="82"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="83"/>
        <source>取引先会社名</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="84"/>
        <source>取引先担当者名</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="85"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/import_models.py" line="86"/>
        <source>カテゴリー</source>
        <translation>Categories</translation>
    </message>
</context>
<context>
    <name>RecentCalls</name>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="154"/>
        <source>最近の通話</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="155"/>
        <source>再発信</source>
        <translation>Redial</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="157"/>
        <source>選択した通話 (なければ最新の通話) の番号に発信</source>
        <translation>Call the number of the selected call (or of the newest)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="159"/>
        <source>時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="159"/>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="159"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/call_records.py" line="159"/>
        <source>相手</source>
        <translation>Who</translation>
    </message>
</context>
<context>
    <name>RecordingStrip</name>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="256"/>
        <source>録音ファイルが見つかりません (移動または削除されています): {0}</source>
        <translation>Recording file not found (moved or deleted): {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="258"/>
        <source>録音ファイルを読めません: {0}</source>
        <translation>Cannot read the recording file: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="260"/>
        <source>スピーカーを開けません (設定 → 音声 を確認してください): {0}</source>
        <translation>Cannot open the speaker (check Settings → Audio): {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="261"/>
        <source>録音を再生できません: {0}</source>
        <translation>Cannot play the recording: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="267"/>
        <source>録音 {0}</source>
        <translation>Recording {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="267"/>
        <source>録音</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="275"/>
        <source>一時停止 (Space)</source>
        <translation>Pause (Space)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="275"/>
        <source>再生 (Space)</source>
        <translation>Play (Space)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="276"/>
        <source>一時停止</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="276"/>
        <source>再生</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="315"/>
        <source>通話録音</source>
        <translation>Call recording</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="316"/>
        <source>再生位置</source>
        <translation>Playback position</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="317"/>
        <source>再生位置 (←/→ で 5 秒)</source>
        <translation>Playback position (←/→: 5 s)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="318"/>
        <location filename="../../calllist_desktop/ui/recording_player.py" line="319"/>
        <source>録音を閉じる</source>
        <translation>Close the recording</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="82"/>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="140"/>
        <source>CSV ファイルの作成</source>
        <translation>Create CSV file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="83"/>
        <source>表の内容を CSV ファイルに書き出します (▼ で文字コードを選択)</source>
        <translation>Writes the table to a CSV file (▼ chooses the encoding)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="85"/>
        <source>UTF-8 (BOM 付き, Excel 向け)</source>
        <translation>UTF-8 with BOM (for Excel)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="86"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="87"/>
        <source>Shift_JIS (CP932)</source>
        <translation>Shift_JIS (CP932)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="91"/>
        <source>グラフを保存</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="92"/>
        <source>グラフを PNG 画像として保存します</source>
        <translation>Saves a chart as a PNG image</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="93"/>
        <source>日別の発信数と応答率 (PNG)…</source>
        <translation>Calls and answer rate per day (PNG)…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="94"/>
        <source>担当者別の通話結果 (PNG)…</source>
        <translation>Outcomes per operator (PNG)…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="119"/>
        <source>CSV ファイルの保存先</source>
        <translation>Save CSV file as</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="121"/>
        <source>CSV ファイル (*.csv);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="139"/>
        <source>ファイルは作成していません。</source>
        <translation>No file was created.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="141"/>
        <source>UTF-8 (BOM 付き) で保存</source>
        <translation>Save as UTF-8 with BOM</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="142"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="161"/>
        <source>画像の保存先</source>
        <translation>Save image as</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="163"/>
        <source>PNG 画像 (*.png);;すべてのファイル (*)</source>
        <translation>PNG images (*.png);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="191"/>
        <source>ファイルに書き込めません ({0}): {1}</source>
        <translation>Cannot write the file ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="194"/>
        <source>書き出しに失敗しました: {0}</source>
        <translation>Export failed: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_export.py" line="196"/>
        <source>分析</source>
        <translation>Analytics</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="68"/>
        <source>担当者</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="69"/>
        <source>発信先リスト</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="70"/>
        <source>日付</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="71"/>
        <source>時間帯</source>
        <translation>Hour</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="76"/>
        <source>(担当者なし)</source>
        <translation>(no operator)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="77"/>
        <source>(リスト外: 手動発信・着信)</source>
        <translation>(no list: dialled by hand, inbound)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="78"/>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="79"/>
        <source>(なし)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="146"/>
        <source>発信数</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="148"/>
        <source>応答数</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="152"/>
        <source>応答率</source>
        <translation>Answer rate</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="158"/>
        <source>通話時間</source>
        <translation>Talk time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="164"/>
        <source>平均通話時間</source>
        <translation>Mean talk</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_model.py" line="274"/>
        <source>結果 (後処理で付けた分類)</source>
        <translation>Disposition (set in the wrap-up)</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="202"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="203"/>
        <source>今週</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="204"/>
        <source>今月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="205"/>
        <source>期間を指定</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="210"/>
        <source>担当者別</source>
        <translation>By operator</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="211"/>
        <source>リスト別</source>
        <translation>By list</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="212"/>
        <source>日別</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="213"/>
        <source>時間帯別</source>
        <translation>By hour</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="217"/>
        <source>集計の単位</source>
        <translation>Group the calls by</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="218"/>
        <source>すべてのリスト</source>
        <translation>All lists</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="219"/>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="220"/>
        <source>名前で絞り込み</source>
        <translation>Filter by name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="332"/>
        <source>レポートを読み込めません: {0}</source>
        <translation>Cannot read the report: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="338"/>
        <source>集計中…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="354"/>
        <source>合計  発信 {0} 件 · 応答 {1} 件 ({2}) · 通話時間 {3} (平均 {4})</source>
        <translation>Total  {0} calls · {1} answered ({2}) · talk time {3} (mean {4})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="372"/>
        <source>日別の発信数と応答率</source>
        <translation>Calls and answer rate per day</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="373"/>
        <source>発信数</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="374"/>
        <source>応答数</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="375"/>
        <source>応答率</source>
        <translation>Answer rate</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/report_view.py" line="378"/>
        <source>担当者別の通話結果</source>
        <translation>Outcomes per operator</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="212"/>
        <source>発信ルール: {0}</source>
        <translation>Calling rules: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="213"/>
        <source>発信先リスト「{0}」の発信ルール</source>
        <translation>Calling rules of the list “{0}”</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="214"/>
        <source>最大発信回数 (1件あたり)</source>
        <translation>Most attempts (per target)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="215"/>
        <source>上限なし</source>
        <translation>no limit</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="216"/>
        <source>このリストからの発信の回数で数えます。0 で上限なし</source>
        <translation>Counts the calls made from this list. 0: no limit</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="217"/>
        <source>再発信までの間隔 (結果ごと)</source>
        <translation>Retry delay (per outcome)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="221"/>
        <source>この結果になったら発信を終える</source>
        <translation>Stop calling a target after</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="224"/>
        <source>発信可能時間</source>
        <translation>Calling hours</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="225"/>
        <source>時間</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="226"/>
        <source>時間帯を指定</source>
        <translation>Limit to</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="228"/>
        <source>曜日</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>月</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>火</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>水</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>木</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>金</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>土</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="229"/>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="232"/>
        <source>祝日は発信しない (日本の祝日)</source>
        <translation>Skip Japanese public holidays</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="233"/>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="257"/>
        <source>時刻はリストのタイムゾーン ({0}) で判定します</source>
        <translation>Times are in the list’s time zone ({0})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="235"/>
        <source>ルールはチーム全員のオートコールに、次の発信から適用されます。手動発信は時間外なら確認します。</source>
        <translation>The rules apply to everyone’s auto-call from the next call. Calls by hand outside the hours ask first.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="237"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="238"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="287"/>
        <source>終了は開始より後の時刻にしてください</source>
        <translation>The end must be after the start</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/rules_dialog.py" line="289"/>
        <source>発信する曜日を1つ以上選んでください</source>
        <translation>Choose at least one day</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_dialog.py" line="144"/>
        <source>保存できません。入力内容を確認してください。</source>
        <translation>Cannot save. Please check the entries.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_dialog.py" line="153"/>
        <source>設定を保存できませんでした: {0}</source>
        <translation>Could not save the settings: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_dialog.py" line="162"/>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_dialog.py" line="163"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_dialog.py" line="164"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignedIn</name>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="399"/>
        <source>データを読み込んでいます。少し待ってから切り替えてください。</source>
        <translation>Still loading the data. Wait a moment, then switch.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="423"/>
        <source>チームのデータベースでは、接続したデータベースのロールがユーザーを決めます。別のユーザーで作業するには、そのロールで接続してください。</source>
        <translation>On a team database the database role you connect as decides the user. To work as someone else, connect with their role.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="428"/>
        <source>切り替えられるほかのユーザーがいません。</source>
        <translation>There is no other active user to switch to.</translation>
    </message>
</context>
<context>
    <name>SipAccountPage</name>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="55"/>
        <source>例: 0501234567</source>
        <translation>e.g. 0501234567</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="56"/>
        <source>ユーザー名と同じ場合は空欄</source>
        <translation>Leave empty when it is the user name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="65"/>
        <source>使わない場合は空欄</source>
        <translation>Leave empty when not used</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="66"/>
        <source>システムの認証局</source>
        <translation>The system&apos;s certificate authorities</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="68"/>
        <source>TLS で信頼する CA 証明書 (PEM) のファイル。自己署名の PBX ならその証明書ファイル。</source>
        <translation>The CA certificate file (PEM) to trust over TLS. For a self-signed PBX, its own certificate file.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="70"/>
        <source>TLS サーバー証明書を検証する (推奨)</source>
        <translation>Verify the TLS server certificate (recommended)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="73"/>
        <source>レジストラに登録する (REGISTER)</source>
        <translation>Register with the registrar (REGISTER)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="80"/>
        <source>{national} = 0312345678、{e164} = +81312345678、{digits} = 81312345678。@ がなければレジストラ宛てに発信します。</source>
        <translation>{national} = 0312345678, {e164} = +81312345678, {digits} = 81312345678. Without @ the call goes to the registrar.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="87"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="90"/>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="91"/>
        <source>システムの既定</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="92"/>
        <source>自動</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="94"/>
        <source>アカウント</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="96"/>
        <source>レジストラ (SIP ドメイン)</source>
        <translation>Registrar (SIP domain)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="97"/>
        <source>ユーザー名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="98"/>
        <source>認証ユーザー名</source>
        <translation>Auth user name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="99"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="100"/>
        <source>トランスポート</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="101"/>
        <source>アウトバウンドプロキシ</source>
        <translation>Outbound proxy</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="102"/>
        <source>CA 証明書ファイル</source>
        <translation>CA certificate file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="106"/>
        <source>発信</source>
        <translation>Calling</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="108"/>
        <source>発信テンプレート</source>
        <translation>Dial template</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="109"/>
        <source>呼び出し時間</source>
        <translation>Ring time-out</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="111"/>
        <source>音声とネットワーク</source>
        <translation>Audio and network</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="113"/>
        <source>マイク</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="114"/>
        <source>スピーカー</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="115"/>
        <source>使用するアドレス</source>
        <translation>Local address</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="159"/>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="213"/>
        <source>保存済み（変更するときだけ入力）</source>
        <translation>Saved (type only to change it)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="159"/>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="213"/>
        <source>未設定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/sip_settings.py" line="186"/>
        <source>パスワードに &quot; と \ は使えません</source>
        <translation>A password cannot contain &quot; or \</translation>
    </message>
</context>
<context>
    <name>SipSettingsPage</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_sip_page.py" line="70"/>
        <source>SIP 回線</source>
        <translation>SIP line</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_sip_page.py" line="72"/>
        <source>SIP アカウントがなければ空欄のままにしてください。デモ回線で動きます (実際には発信しません)。</source>
        <translation>Without a SIP account, leave this empty: the program runs on the demo line (no real calls).</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="166"/>
        <source>フォルダではなくファイルを指定してください</source>
        <translation>Choose a file, not a folder</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="168"/>
        <source>フォルダがありません: {0}</source>
        <translation>The folder does not exist: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="174"/>
        <source>データベースの URL を入力してください</source>
        <translation>Enter the database URL</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="181"/>
        <source>URL の形式が正しくありません (例: postgresql+psycopg://user@host/calllist)</source>
        <translation>Not a valid URL (for example postgresql+psycopg://user@host/calllist)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="183"/>
        <source>PostgreSQL の URL を入力してください (postgresql+psycopg://…)</source>
        <translation>Enter a PostgreSQL URL (postgresql+psycopg://…)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="185"/>
        <source>データベース名がありません (…/calllist のように最後に付けます)</source>
        <translation>The database name is missing (add it at the end, as in …/calllist)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="212"/>
        <source>データファイルを選択</source>
        <translation>Choose the data file</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="216"/>
        <source>SQLite ファイル (*.sqlite3 *.sqlite *.db)</source>
        <translation>SQLite files (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="216"/>
        <source>すべてのファイル (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="229"/>
        <source>接続しています…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="261"/>
        <source>使えます。ファイルはまだないので、次回の起動時に作成されます。</source>
        <translation>Usable. The file does not exist yet; it is created at the next start.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="263"/>
        <source>接続できました。データはこのバージョンで使えます。</source>
        <translation>Connected. The data is ready for this version.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="265"/>
        <source>接続できましたが、新しいバージョンのデータです。プログラムを更新してください。</source>
        <translation>Connected, but the data is from a newer version. Please update the program.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="267"/>
        <source>接続できました。データは次回の起動時に新しい形式へ更新されます。</source>
        <translation>Connected. The data will be upgraded to the new format at the next start.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="268"/>
        <source>接続できましたが、データベースの準備が必要です: calllist db upgrade を実行してください。</source>
        <translation>Connected, but the database needs preparing: run calllist db upgrade.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="272"/>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="273"/>
        <source>接続できません: {0}</source>
        <translation>Cannot connect: {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="278"/>
        <source>データの保存先</source>
        <translation>Where data is stored</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="279"/>
        <source>このパソコンのファイル (SQLite、1 人で使う場合)</source>
        <translation>A file on this computer (SQLite, for one person)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="280"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="281"/>
        <source>チームのデータベース (PostgreSQL、複数人で使う場合)</source>
        <translation>The team&apos;s database (PostgreSQL, for several people)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="283"/>
        <source>パスワードは URL に書かず、~/.pgpass に保存することをおすすめします (設定ファイルは暗号化されません)。</source>
        <translation>Better keep the password out of the URL, in ~/.pgpass (the settings file is not encrypted).</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="285"/>
        <source>接続テスト</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="286"/>
        <source>保存先の変更は、次回の起動から有効になります。</source>
        <translation>A change of store takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/settings_store_page.py" line="290"/>
        <source>環境変数 CALLLIST_DB が設定されているため、現在はそちらが使われます。</source>
        <translation>The environment variable CALLLIST_DB is set, so it is used for now.</translation>
    </message>
</context>
<context>
    <name>TargetTable</name>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="72"/>
        <source>応答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="73"/>
        <source>不応答</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="74"/>
        <source>話中</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="75"/>
        <source>拒否</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="76"/>
        <source>番号不正</source>
        <translation>Invalid number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="77"/>
        <source>失敗</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="78"/>
        <source>取消</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="79"/>
        <source>中断</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="80"/>
        <source>不在着信</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="83"/>
        <source>発信</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="84"/>
        <source>着信</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="86"/>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="36"/>
        <source>通話中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="89"/>
        <source>発信準備中…</source>
        <translation>Preparing the call…</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="90"/>
        <source>発信中</source>
        <translation>Dialling</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="91"/>
        <source>呼出中</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="93"/>
        <source>保留中</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="94"/>
        <source>着信中</source>
        <translation>Incoming call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="96"/>
        <source>未発信</source>
        <translation>Never called</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="97"/>
        <source>未割当</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="98"/>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="99"/>
        <source>対象</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="100"/>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="38"/>
        <source>対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="300"/>
        <source>発信対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="306"/>
        <source>選択</source>
        <translation>Select</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="310"/>
        <source>取引先会社名</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="317"/>
        <source>取引先担当者名</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="324"/>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="331"/>
        <source>カテゴリー</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="340"/>
        <source>最終通話ステータス</source>
        <translation>Last call status</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="348"/>
        <source>最終通話種別</source>
        <translation>Last call type</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="356"/>
        <source>最終担当者</source>
        <translation>Last agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="363"/>
        <source>最終通話日時</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="371"/>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="443"/>
        <source>発信担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="378"/>
        <source>発信対象</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="387"/>
        <source>発信回数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/columns.py" line="395"/>
        <source>次回発信可能</source>
        <translation>Next callable</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="32"/>
        <source>今すぐ</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="33"/>
        <source>発信禁止</source>
        <translation>Do not call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="34"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="35"/>
        <source>上限到達</source>
        <translation>Limit reached</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="37"/>
        <source>他の端末で発信中</source>
        <translation>Being called elsewhere</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="39"/>
        <source>再架電 {0}</source>
        <translation>Callback {0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/table/plans.py" line="40"/>
        <source>この番号は発信禁止です。誰も発信できません。</source>
        <translation>This number is on the do-not-call list. No one can call it.</translation>
    </message>
</context>
<context>
    <name>TeamBoard</name>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="33"/>
        <source>担当者</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="34"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="35"/>
        <source>通話時間</source>
        <translation>Talk time</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="36"/>
        <source>通話先</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="37"/>
        <source>オートコール</source>
        <translation>Auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="38"/>
        <source>今日の発信</source>
        <translation>Calls today</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="39"/>
        <source>今日の応答</source>
        <translation>Answered today</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="40"/>
        <source>応答率</source>
        <translation>Answer rate</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="47"/>
        <source>通話中</source>
        <translation>On a call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="48"/>
        <source>オートコール中</source>
        <translation>Auto-calling</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="49"/>
        <source>待機中</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/analytics/board.py" line="50"/>
        <source>オフライン</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>UserAddForm</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="251"/>
        <source>ユーザーを追加</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="252"/>
        <source>ログイン(&amp;L)</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="253"/>
        <source>例: yamada（空白なし）</source>
        <translation>e.g. yamada (no spaces)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="254"/>
        <source>表示名(&amp;N)</source>
        <translation>Display &amp;name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="255"/>
        <source>例: 山田 太郎</source>
        <translation>e.g. Taro Yamada</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="256"/>
        <source>空欄ならログインと同じ名前になります</source>
        <translation>If left blank, the login is used as the name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="257"/>
        <source>役割(&amp;O)</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="258"/>
        <source>オートコールを許可(&amp;T)</source>
        <translation>Allow au&amp;to-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="259"/>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="268"/>
        <source>ログインを入力してください。</source>
        <translation>Enter a login.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="270"/>
        <source>ログインに空白（全角を含む）は使えません。</source>
        <translation>A login cannot contain spaces (full-width ones included).</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="272"/>
        <source>ログイン「{0}」は既に使われています。別のログインを入力してください。</source>
        <translation>The login “{0}” is already taken. Enter another one.</translation>
    </message>
</context>
<context>
    <name>UserEditForm</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="152"/>
        <source>選択したユーザー</source>
        <translation>Selected user</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="153"/>
        <source>ログイン</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="154"/>
        <source>表示名(&amp;D)</source>
        <translation>&amp;Display name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="155"/>
        <source>役割(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="156"/>
        <source>オートコールを許可(&amp;C)</source>
        <translation>Allow auto-&amp;call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="157"/>
        <source>元に戻す(&amp;Z)</source>
        <translation>Re&amp;vert</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="158"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="159"/>
        <source>変更をすぐに保存します (Ctrl+S)</source>
        <translation>Save the changes now (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="165"/>
        <source>自分自身の管理者の役割は外せません。</source>
        <translation>You cannot remove your own manager role.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="227"/>
        <source>無効化(&amp;V)</source>
        <translation>Deacti&amp;vate</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="227"/>
        <source>有効化(&amp;V)</source>
        <translation>Acti&amp;vate</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="229"/>
        <source>ログインも担当もできなくなります。通話履歴は残ります。</source>
        <translation>They can neither sign in nor be assigned numbers. Their call history stays.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/user_forms.py" line="231"/>
        <source>再びログインでき、担当者にできるようになります。</source>
        <translation>They can sign in and be assigned numbers again.</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="42"/>
        <source>ユーザーを選択</source>
        <translation>Choose user</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="45"/>
        <source>作業するユーザーを選んでください</source>
        <translation>Choose who is working</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="48"/>
        <source>管理者</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/user_picker.py" line="48"/>
        <source>オペレーター</source>
        <translation>operator</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="206"/>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="402"/>
        <source>ユーザー管理</source>
        <translation>Manage users</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="209"/>
        <source>ユーザーの追加と、表示名・役割・オートコールの許可の変更ができます。変更は「保存」で反映されます。</source>
        <translation>Add users, and change their display name, role and auto-call permission. Changes take effect when you click “Save”.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="212"/>
        <source>ユーザー一覧(&amp;U)</source>
        <translation>&amp;Users</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="213"/>
        <source>更新(&amp;F)</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="214"/>
        <source>ほかの管理者の変更を読み直します (F5)</source>
        <translation>Reload the changes made by other managers (F5)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="215"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="343"/>
        <source>「{0}」を有効化しました。</source>
        <translation>Activated “{0}”.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="345"/>
        <source>「{0}」を無効化しました。通話履歴は残り、「有効化」で元に戻せます。</source>
        <translation>Deactivated “{0}”. Their call history stays; Activate undoes it.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="385"/>
        <source>自分自身の管理者の役割は外せません。ほかの管理者に変更してもらってください。</source>
        <translation>You cannot remove your own manager role. Ask another manager to change it.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="367"/>
        <source>「{0}」を保存しました。</source>
        <translation>Saved “{0}”.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="389"/>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="470"/>
        <source>予期しないエラー ({0}: {1})</source>
        <translation>Unexpected error ({0}: {1})</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="403"/>
        <source>「{0}」の変更は保存されていません。保存しますか？</source>
        <translation>The changes to “{0}” are not saved. Save them?</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="442"/>
        <source>「{0}」を追加しました。</source>
        <translation>Added “{0}”.</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_dialog.py" line="445"/>
        <source>「{0}」を追加し、データベースのロール {1} を用意しました (パスワードは ALTER ROLE で設定します)。</source>
        <translation>Added “{0}” with the database role {1} (set its password with ALTER ROLE).</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="36"/>
        <source>ログイン</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="36"/>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="36"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="36"/>
        <source>オートコール</source>
        <translation>Auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="39"/>
        <source>管理者</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="39"/>
        <source>オペレーター</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="42"/>
        <source>許可</source>
        <translation>Allowed</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="69"/>
        <source> (無効)</source>
        <translation> (inactive)</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="75"/>
        <source>オートコールを使えます</source>
        <translation>Can use auto-call</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/manage/users_model.py" line="77"/>
        <source>オートコールは使えません</source>
        <translation>Cannot use auto-call</translation>
    </message>
</context>
<context>
    <name>WrapUpDialog</name>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="62"/>
        <source>後処理</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="73"/>
        <source>再架電予約</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="80"/>
        <source>発信先</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="81"/>
        <source>通話結果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="82"/>
        <source>結果</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="83"/>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="86"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/campaign/wrap_up_dialog.py" line="88"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="320"/>
        <source>SIP 回線を使えないため、デモ回線で起動しました。

{0}</source>
        <translation>The SIP line cannot be used, so the demo line was started.

{0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="325"/>
        <source>回線を開始できません。

{0}</source>
        <translation>The line cannot start.

{0}</translation>
    </message>
    <message>
        <location filename="../../calllist_desktop/ui/app.py" line="327"/>
        <source>回線</source>
        <translation>Line</translation>
    </message>
</context>
</TS>
