<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 短信群发助手</source>
        <translation>About SMS Desktop</translation>
    </message>
    <message>
        <source>短信群发助手 SMS Desktop</source>
        <translation>SMS Desktop</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>编辑账户</source>
        <translation>Edit Account</translation>
    </message>
    <message>
        <source>添加账户</source>
        <translation>Add Account</translation>
    </message>
    <message>
        <source>账户名称</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>网关类型</source>
        <translation>Gateway type</translation>
    </message>
    <message>
        <source>接口地址</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>企业ID</source>
        <translation>Enterprise ID</translation>
    </message>
    <message>
        <source>通信认证密码</source>
        <translation>veryCode (communication password)</translation>
    </message>
    <message>
        <source>短信签名</source>
        <translation>SMS signature</translation>
    </message>
    <message>
        <source>例如：【某某公司】</source>
        <translation>For example: 【Your Company】</translation>
    </message>
    <message>
        <source>扩展号</source>
        <translation>Extension number</translation>
    </message>
    <message>
        <source>不修改请留空（保留已保存的密码）</source>
        <translation>Leave empty to keep the saved password</translation>
    </message>
    <message>
        <source>不修改请留空</source>
        <translation>Leave empty to keep it</translation>
    </message>
    <message>
        <source>字符集</source>
        <translation>Character set</translation>
    </message>
    <message>
        <source>密码加密方式</source>
        <translation>Password hashing</translation>
    </message>
    <message>
        <source>按网关默认</source>
        <translation>Gateway default</translation>
    </message>
    <message>
        <source>不加密</source>
        <translation>None</translation>
    </message>
    <message>
        <source>MD5（小写）</source>
        <translation>MD5 (lower case)</translation>
    </message>
    <message>
        <source>MD5（大写）</source>
        <translation>MD5 (upper case)</translation>
    </message>
    <message>
        <source>每批号码数</source>
        <translation>Numbers per batch</translation>
    </message>
    <message>
        <source>每条最多字数</source>
        <translation>Maximum characters per message</translation>
    </message>
    <message>
        <source>连接超时</source>
        <translation>Connect timeout</translation>
    </message>
    <message>
        <source>读取超时</source>
        <translation>Read timeout</translation>
    </message>
    <message>
        <source>同时发送请求数</source>
        <translation>Concurrent requests</translation>
    </message>
    <message>
        <source>每秒最多请求数</source>
        <translation>Maximum requests per second</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>营销短信的发送时段，北京时间</source>
        <translation>When marketing may go out, Beijing time</translation>
    </message>
    <message>
        <source>营销短信只在这个时段内发出（北京时间），时段外保留到下一个时段。</source>
        <translation>Marketing goes out only within this window (Beijing time); outside it, it is held until the next opening.</translation>
    </message>
    <message>
        <source>营销短信结尾的退订提示</source>
        <translation>The opt-out marker that ends a marketing text</translation>
    </message>
    <message>
        <source>定时短信由本机保存并到时发送（不交给网关定时）</source>
        <translation>Scheduled messages are held on this PC and sent at their time (not scheduled at the gateway)</translation>
    </message>
    <message>
        <source>定时短信由本机发送</source>
        <translation>Hold scheduled sends on this PC</translation>
    </message>
    <message>
        <source>账户名称：</source>
        <translation>Account name:</translation>
    </message>
    <message>
        <source>网关类型：</source>
        <translation>Gateway type:</translation>
    </message>
    <message>
        <source>接口地址：</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>企业ID：</source>
        <translation>Enterprise ID:</translation>
    </message>
    <message>
        <source>通信认证密码：</source>
        <translation>veryCode:</translation>
    </message>
    <message>
        <source>短信签名：</source>
        <translation>SMS signature:</translation>
    </message>
    <message>
        <source>扩展号：</source>
        <translation>Extension number:</translation>
    </message>
    <message>
        <source>显示高级设置</source>
        <translation>Show Advanced Settings</translation>
    </message>
    <message>
        <source>显示或隐藏高级设置</source>
        <translation>Show or hide the advanced settings</translation>
    </message>
    <message>
        <source>字符集：</source>
        <translation>Character set:</translation>
    </message>
    <message>
        <source>密码加密：</source>
        <translation>Password hashing:</translation>
    </message>
    <message>
        <source>每批号码数：</source>
        <translation>Numbers per batch:</translation>
    </message>
    <message>
        <source>每条最多字数：</source>
        <translation>Maximum characters per message:</translation>
    </message>
    <message>
        <source>连接超时（秒）：</source>
        <translation>Connect timeout (s):</translation>
    </message>
    <message>
        <source>读取超时（秒）：</source>
        <translation>Read timeout (s):</translation>
    </message>
    <message>
        <source>同时发送请求数：</source>
        <translation>Concurrent requests:</translation>
    </message>
    <message>
        <source>每秒最多请求数：</source>
        <translation>Maximum requests per second:</translation>
    </message>
    <message>
        <source>营销时段（北京时间）：</source>
        <translation>Marketing window (Beijing time):</translation>
    </message>
    <message>
        <source>退订提示：</source>
        <translation>Opt-out marker:</translation>
    </message>
    <message>
        <source>密码保存在系统密码库中，不会写入数据库。</source>
        <translation>The password is kept in the system keyring, never in the database.</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <source>用当前设置查询余额，测试连接</source>
        <translation>Test the connection by reading the balance with these settings</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存账户</source>
        <translation>Save the account</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>按网关默认（%1）</source>
        <translation>Gateway default (%1)</translation>
    </message>
    <message>
        <source>隐藏高级设置</source>
        <translation>Hide Advanced Settings</translation>
    </message>
    <message>
        <source>请先输入密码。</source>
        <translation>Please enter the password first.</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message numerus="yes">
        <source>连接成功。余额：%1 条。</source>
        <translation>
            <numerusform>Connected. Balance: %1 message.</numerusform>
            <numerusform>Connected. Balance: %1 messages.</numerusform>
        </translation>
    </message>
    <message>
        <source>已自动采用可用的设置：%1</source>
        <translation>Working settings were applied automatically: %1</translation>
    </message>
    <message>
        <source>连接失败：</source>
        <translation>Connection failed: </translation>
    </message>
    <message>
        <source>网关原文：</source>
        <translation>Gateway&apos;s reply: </translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>账户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>账户列表</source>
        <translation>Account list</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>添加账户</source>
        <translation>Add Account</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑所选账户</source>
        <translation>Edit the selected account</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除所选账户</source>
        <translation>Delete the selected account</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>删除账户</source>
        <translation>Delete Account</translation>
    </message>
    <message>
        <source>删除账户 %1？它的密码也会从密码库中删除。发送记录保留。</source>
        <translation>Delete account %1? Its password is removed from the keyring too. The send history is kept.</translation>
    </message>
</context>
<context>
    <name>Allocation</name>
    <message>
        <source>移动</source>
        <translation>China Mobile</translation>
    </message>
    <message>
        <source>联通</source>
        <translation>China Unicom</translation>
    </message>
    <message>
        <source>电信</source>
        <translation>China Telecom</translation>
    </message>
    <message>
        <source>广电</source>
        <translation>China Broadnet</translation>
    </message>
    <message>
        <source>虚拟运营商</source>
        <translation>Virtual operator</translation>
    </message>
    <message>
        <source>固定电话</source>
        <translation>Landline</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>北京</source>
        <translation>Beijing</translation>
    </message>
    <message>
        <source>天津</source>
        <translation>Tianjin</translation>
    </message>
    <message>
        <source>河北</source>
        <translation>Hebei</translation>
    </message>
    <message>
        <source>山西</source>
        <translation>Shanxi</translation>
    </message>
    <message>
        <source>内蒙古</source>
        <translation>Inner Mongolia</translation>
    </message>
    <message>
        <source>辽宁</source>
        <translation>Liaoning</translation>
    </message>
    <message>
        <source>吉林</source>
        <translation>Jilin</translation>
    </message>
    <message>
        <source>黑龙江</source>
        <translation>Heilongjiang</translation>
    </message>
    <message>
        <source>上海</source>
        <translation>Shanghai</translation>
    </message>
    <message>
        <source>江苏</source>
        <translation>Jiangsu</translation>
    </message>
    <message>
        <source>浙江</source>
        <translation>Zhejiang</translation>
    </message>
    <message>
        <source>安徽</source>
        <translation>Anhui</translation>
    </message>
    <message>
        <source>福建</source>
        <translation>Fujian</translation>
    </message>
    <message>
        <source>江西</source>
        <translation>Jiangxi</translation>
    </message>
    <message>
        <source>山东</source>
        <translation>Shandong</translation>
    </message>
    <message>
        <source>河南</source>
        <translation>Henan</translation>
    </message>
    <message>
        <source>湖北</source>
        <translation>Hubei</translation>
    </message>
    <message>
        <source>湖南</source>
        <translation>Hunan</translation>
    </message>
    <message>
        <source>广东</source>
        <translation>Guangdong</translation>
    </message>
    <message>
        <source>广西</source>
        <translation>Guangxi</translation>
    </message>
    <message>
        <source>海南</source>
        <translation>Hainan</translation>
    </message>
    <message>
        <source>重庆</source>
        <translation>Chongqing</translation>
    </message>
    <message>
        <source>四川</source>
        <translation>Sichuan</translation>
    </message>
    <message>
        <source>贵州</source>
        <translation>Guizhou</translation>
    </message>
    <message>
        <source>云南</source>
        <translation>Yunnan</translation>
    </message>
    <message>
        <source>西藏</source>
        <translation>Tibet</translation>
    </message>
    <message>
        <source>陕西</source>
        <translation>Shaanxi</translation>
    </message>
    <message>
        <source>甘肃</source>
        <translation>Gansu</translation>
    </message>
    <message>
        <source>青海</source>
        <translation>Qinghai</translation>
    </message>
    <message>
        <source>宁夏</source>
        <translation>Ningxia</translation>
    </message>
    <message>
        <source>新疆</source>
        <translation>Xinjiang</translation>
    </message>
</context>
<context>
    <name>ApiTokensPanel</name>
    <message>
        <source>HTTP 接口</source>
        <translation>HTTP API</translation>
    </message>
    <message>
        <source>在本程序中运行 HTTP 接口</source>
        <translation>Run the HTTP API in this program</translation>
    </message>
    <message>
        <source>让办公系统（预约、订单）通过本机的账户发短信。默认关闭。</source>
        <translation>Lets office systems (bookings, orders) send SMS through this PC&apos;s accounts. Off by default.</translation>
    </message>
    <message>
        <source>监听地址</source>
        <translation>Listen address</translation>
    </message>
    <message>
        <source>127.0.0.1：只有本机的程序能访问。填局域网地址则同一网络的电脑都能访问。</source>
        <translation>127.0.0.1: only programs on this PC can reach it. A LAN address lets every computer on the network reach it.</translation>
    </message>
    <message>
        <source>每个令牌每分钟请求数</source>
        <translation>Requests a minute per token</translation>
    </message>
    <message>
        <source>保存并应用</source>
        <translation>Save and Apply</translation>
    </message>
    <message>
        <source>监听地址：</source>
        <translation>Listen address:</translation>
    </message>
    <message>
        <source>每个令牌每分钟请求数：</source>
        <translation>Requests a minute per token:</translation>
    </message>
    <message>
        <source>接口令牌</source>
        <translation>API Tokens</translation>
    </message>
    <message>
        <source>接口令牌列表</source>
        <translation>API tokens</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>令牌开头</source>
        <translation>Starts with</translation>
    </message>
    <message>
        <source>建立时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>新建令牌…</source>
        <translation>New Token…</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>新令牌只显示这一次：请现在复制，交给调用接口的系统。本程序只保存它的哈希值。</source>
        <translation>The new token is shown this once only: copy it now and give it to the system that calls the API. This program keeps only its hash.</translation>
    </message>
    <message>
        <source>新令牌</source>
        <translation>New token</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>HTTP 接口由发送服务运行（主机 %1）；这里的设置只用于本程序。</source>
        <translation>The sender service runs the HTTP API (host %1); the settings here are for this program only.</translation>
    </message>
    <message>
        <source>本程序运行时，HTTP 接口在 http://%1/api/v1/ 上接受请求。</source>
        <translation>While this program runs, the HTTP API takes requests at http://%1/api/v1/.</translation>
    </message>
    <message>
        <source>已关闭：不接受任何请求。</source>
        <translation>Off: no request is taken.</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>已吊销 %1</source>
        <translation>Revoked %1</translation>
    </message>
    <message>
        <source>新建令牌</source>
        <translation>New Token</translation>
    </message>
    <message>
        <source>令牌名称（例如调用它的系统：预约系统）：</source>
        <translation>Token name (e.g. the system that uses it: booking system):</translation>
    </message>
    <message>
        <source>吊销令牌</source>
        <translation>Revoke Token</translation>
    </message>
    <message>
        <source>吊销令牌“%1”？使用它的系统将立即无法再调用接口。</source>
        <translation>Revoke the token “%1”? The system using it can no longer call the API, at once.</translation>
    </message>
</context>
<context>
    <name>AutoRepliesPanel</name>
    <message>
        <source>关键词自动回复</source>
        <translation>Keyword auto-replies</translation>
    </message>
    <message>
        <source>客户回复的短信与关键词一致或包含关键词时，自动用同一账户回复。同一号码每条规则 24 小时内最多回复一次；退订回复从不自动回复。</source>
        <translation>When a customer&apos;s reply is or contains a keyword, it is answered from the same account. Each rule answers a number at most once in 24 hours; opt-out replies are never answered.</translation>
    </message>
    <message>
        <source>自动回复规则列表</source>
        <translation>Auto-reply rules</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>匹配</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>回复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>新建自动回复规则</source>
        <translation>New auto-reply rule</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑选中的规则</source>
        <translation>Edit the selected rule</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>暂停选中的规则</source>
        <translation>Pause the selected rule</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>启用选中的规则</source>
        <translation>Enable the selected rule</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除选中的规则</source>
        <translation>Delete the selected rule</translation>
    </message>
    <message>
        <source>完全一致</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source>包含</source>
        <translation>Contains</translation>
    </message>
    <message>
        <source>已启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>（最近 %1）</source>
        <translation> (last %1)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>删除自动回复规则</source>
        <translation>Delete auto-reply rule</translation>
    </message>
    <message>
        <source>删除规则“%1”？它不再自动回复；已发出的回复仍在发送记录中。</source>
        <translation>Delete the rule “%1”? It answers no more; the answers sent stay in Send records.</translation>
    </message>
</context>
<context>
    <name>AutoReplyDialog</name>
    <message>
        <source>编辑自动回复规则</source>
        <translation>Edit auto-reply rule</translation>
    </message>
    <message>
        <source>新建自动回复规则</source>
        <translation>New auto-reply rule</translation>
    </message>
    <message>
        <source>收到回复的账户</source>
        <translation>The account the replies come to</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>匹配方式</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>包含关键词</source>
        <translation>Contains a keyword</translation>
    </message>
    <message>
        <source>与关键词完全一致</source>
        <translation>Is exactly a keyword</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>多个关键词用逗号或顿号分隔，例如：1、地址</source>
        <translation>Separate keywords with commas, e.g. 1, address</translation>
    </message>
    <message>
        <source>自动回复的内容</source>
        <translation>The answer&apos;s text</translation>
    </message>
    <message>
        <source>例如：本店地址：人民路1号，营业时间 9:00-21:00</source>
        <translation>e.g. We are at 1 Renmin Road, open 9:00-21:00</translation>
    </message>
    <message>
        <source>同一号码 24 小时内每条规则最多回复一次；退订回复（退订、TD 等）只加入黑名单，从不自动回复。每条自动回复都是发送记录中的一个任务。</source>
        <translation>Each rule answers a number at most once in 24 hours; opt-out replies (退订, TD …) are only blacklisted, never answered. Each answer is a job in Send records.</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>匹配：</source>
        <translation>Match:</translation>
    </message>
    <message>
        <source>关键词：</source>
        <translation>Keywords:</translation>
    </message>
    <message>
        <source>回复内容：</source>
        <translation>Answer:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>AutomationRules</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>周期（北京时间）</source>
        <translation>Schedule (Beijing time)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>下次运行（北京时间）</source>
        <translation>Next run (Beijing time)</translation>
    </message>
    <message>
        <source>上次结果</source>
        <translation>Last result</translation>
    </message>
    <message>
        <source>已发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>无收件人</source>
        <translation>No recipients</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>错过</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message numerus="yes">
        <source>错过的运行（%n）…</source>
        <translation>
            <numerusform>Missed run (%n)…</numerusform>
            <numerusform>Missed runs (%n)…</numerusform>
        </translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>job %1</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>现在发送(&amp;S)</source>
        <translation>&amp;Send now</translation>
    </message>
    <message>
        <source>自动化规则“%1”原定于北京时间 %2 运行，当时本程序和发送服务都没有运行，没有发送。</source>
        <translation>The automation rule “%1” was due at %2 Beijing time, while neither this application nor the sender service ran: nothing was sent.</translation>
    </message>
    <message>
        <source>跳过(&amp;K)</source>
        <translation>S&amp;kip</translation>
    </message>
    <message>
        <source>错过的自动发送</source>
        <translation>Missed automatic send</translation>
    </message>
    <message>
        <source>（本机时间 %1）</source>
        <translation> (%1 on this computer)</translation>
    </message>
</context>
<context>
    <name>AutomationTab</name>
    <message>
        <source>自动化的各部分</source>
        <translation>Parts of the automation</translation>
    </message>
    <message>
        <source>定期与按日期发送</source>
        <translation>Recurring and date sends</translation>
    </message>
    <message>
        <source>关键词自动回复</source>
        <translation>Keyword auto-replies</translation>
    </message>
    <message>
        <source>HTTP 接口</source>
        <translation>HTTP API</translation>
    </message>
</context>
<context>
    <name>BalanceModel</name>
    <message>
        <source>余额低于提醒值</source>
        <translation>Balance below the alert level</translation>
    </message>
    <message>
        <source>后付费</source>
        <translation>Postpaid</translation>
    </message>
    <message>
        <source>尚未查询</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <source>查询失败：</source>
        <translation>Check failed: </translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>正常（后付费）</source>
        <translation>OK (postpaid)</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>网关类型</source>
        <translation>Gateway type</translation>
    </message>
    <message>
        <source>余额（条）</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>查询时间</source>
        <translation>Checked at</translation>
    </message>
    <message>
        <source>提醒值（条）</source>
        <translation>Alert level</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>网关原文</source>
        <translation>Gateway&apos;s reply</translation>
    </message>
</context>
<context>
    <name>BalanceTab</name>
    <message>
        <source>各账户余额</source>
        <translation>Account balances</translation>
    </message>
    <message>
        <source>全部刷新</source>
        <translation>Refresh All</translation>
    </message>
    <message>
        <source>刷新全部账户的余额</source>
        <translation>Refresh the balance of every account</translation>
    </message>
    <message>
        <source>刷新所选账户</source>
        <translation>Refresh Selected</translation>
    </message>
    <message>
        <source>刷新所选账户的余额</source>
        <translation>Refresh the balance of the selected account</translation>
    </message>
    <message>
        <source>双击“提醒值”一栏可设置低余额提醒（条数，0 表示不提醒）。余额以短信条数计。</source>
        <translation>Double-click the “Alert level” column to set a low-balance alert (in messages; 0 means no alert). Balances are counted in messages.</translation>
    </message>
    <message numerus="yes">
        <source>%1（剩 %2 条，提醒值 %3 条）</source>
        <translation>
            <numerusform>%1 (%2 message left, alert level %3)</numerusform>
            <numerusform>%1 (%2 messages left, alert level %3)</numerusform>
        </translation>
    </message>
    <message>
        <source>余额不足提醒：</source>
        <translation>Low balance: </translation>
    </message>
</context>
<context>
    <name>BlacklistDialog</name>
    <message>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>黑名单列表</source>
        <translation>Blacklist entries</translation>
    </message>
    <message>
        <source>搜索黑名单</source>
        <translation>Search the blacklist</translation>
    </message>
    <message>
        <source>搜索号码或原因</source>
        <translation>Search number or reason</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>添加号码到黑名单</source>
        <translation>Add numbers to the blacklist</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>从黑名单移除选中的号码</source>
        <translation>Remove the selected numbers from the blacklist</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>Import from File…</translation>
    </message>
    <message>
        <source>从文件导入黑名单</source>
        <translation>Import the blacklist from a file</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出黑名单为 Excel</source>
        <translation>Export the blacklist to Excel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>黑名单中的号码不会收到任何短信（发送时自动跳过）。</source>
        <translation>Blacklisted numbers never receive a message (sends skip them automatically).</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个号码</source>
        <translation>
            <numerusform>%Ln number</numerusform>
            <numerusform>%Ln numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已加入 %Ln 个，</source>
        <translation>
            <numerusform>%Ln added, </numerusform>
            <numerusform>%Ln added, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>原已在黑名单 %Ln 个</source>
        <translation>
            <numerusform>%Ln already blacklisted</numerusform>
            <numerusform>%Ln already blacklisted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>；无效 %Ln 个</source>
        <translation>
            <numerusform>; %Ln invalid</numerusform>
            <numerusform>; %Ln invalid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>将 %Ln 个号码移出黑名单？之后的发送将不再跳过它们。</source>
        <translation>
            <numerusform>Remove %Ln number from the blacklist? Later sends will no longer skip it.</numerusform>
            <numerusform>Remove %Ln numbers from the blacklist? Later sends will no longer skip them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已移出 %Ln 个号码</source>
        <translation>
            <numerusform>%Ln number removed</numerusform>
            <numerusform>%Ln numbers removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个号码已保存到 %2</source>
        <translation>
            <numerusform>%Ln number saved to %2</numerusform>
            <numerusform>%Ln numbers saved to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>添加到黑名单</source>
        <translation>Add to Blacklist</translation>
    </message>
    <message>
        <source>号码（可填多个，用逗号或空格分隔）：</source>
        <translation>Numbers (several allowed, separated by commas or spaces):</translation>
    </message>
    <message>
        <source>原因（可不填）：</source>
        <translation>Reason (optional):</translation>
    </message>
    <message>
        <source>移出黑名单</source>
        <translation>Remove from Blacklist</translation>
    </message>
    <message>
        <source>导入黑名单</source>
        <translation>Import Blacklist</translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation>Spreadsheet files</translation>
    </message>
    <message>
        <source>导出黑名单</source>
        <translation>Export Blacklist</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
</context>
<context>
    <name>CampaignReportDialog</name>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>重发哪些未送达的号码</source>
        <translation>Which undelivered recipients to send again</translation>
    </message>
    <message>
        <source>重发未送达…</source>
        <translation>Resend undelivered…</translation>
    </message>
    <message>
        <source>用所选的未送达号码新建一个任务并发送（内容和账户不变）</source>
        <translation>Send the chosen undelivered recipients again as a new job (same text and account)</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>把报告导出为 Excel 文件，每项分类一个工作表</source>
        <translation>Export the report to an Excel file, one sheet per breakdown</translation>
    </message>
    <message>
        <source>导出图片…</source>
        <translation>Export picture…</translation>
    </message>
    <message>
        <source>把报告的图表导出为 PNG 图片</source>
        <translation>Export the report&apos;s charts as a PNG picture</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新统计（状态报告可能又到了一些）</source>
        <translation>Count again (more delivery reports may have come in)</translation>
    </message>
    <message>
        <source>重发：</source>
        <translation>Resend:</translation>
    </message>
    <message>
        <source>任务报告：任务 %1</source>
        <translation>Job report: job %1</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>Job %1</translation>
    </message>
    <message numerus="yes">
        <source>任务 %1 · %2 · %3 · %Ln 个号码</source>
        <translation>
            <numerusform>Job %1 · %2 · %3 · %Ln recipient</numerusform>
            <numerusform>Job %1 · %2 · %3 · %Ln recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>全部未送达（%Ln 个）</source>
        <translation>
            <numerusform>All undelivered (%Ln)</numerusform>
            <numerusform>All undelivered (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>原因 %1（%Ln 个）</source>
        <translation>
            <numerusform>Reason %1 (%Ln)</numerusform>
            <numerusform>Reason %1 (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>运营商 %1（%Ln 个）</source>
        <translation>
            <numerusform>Carrier %1 (%Ln)</numerusform>
            <numerusform>Carrier %1 (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>重发未送达的号码</source>
        <translation>Resend to the undelivered</translation>
    </message>
    <message numerus="yes">
        <source>用任务 %1 中未送达的 %2 个号码（%3）新建一个任务，并立即发送（内容和账户不变）。这些号码已经发过一次，运营商报告未送达；重发仍会计费。</source>
        <translation>
            <numerusform>Send again to the %2 undelivered recipient of job %1 (%3) as a new job, now (same text and account). It was sent once and the carrier reported it not delivered; sending again is charged again.</numerusform>
            <numerusform>Send again to the %2 undelivered recipients of job %1 (%3) as a new job, now (same text and account). They were sent once and the carrier reported them not delivered; sending again is charged again.</numerusform>
        </translation>
    </message>
    <message>
        <source>新建并发送</source>
        <translation>Create and send</translation>
    </message>
    <message>
        <source>任务报告</source>
        <translation>Job report</translation>
    </message>
    <message>
        <source>导出任务报告</source>
        <translation>Export the job report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导出报告图片</source>
        <translation>Export the report as a picture</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG picture (*.png)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>报告已写入 %1</source>
        <translation>Report written to %1</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>第 %1 步：对应列</source>
        <translation>Step %1: Columns</translation>
    </message>
    <message>
        <source>已自动识别号码列和姓名列，可以修改。下方预览是将要导入的样子。</source>
        <translation>The number and name columns were detected; you can change them. The preview below shows what will be imported.</translation>
    </message>
    <message>
        <source>手机号码所在的列</source>
        <translation>The column with the mobile numbers</translation>
    </message>
    <message>
        <source>姓名所在的列</source>
        <translation>The column with the names</translation>
    </message>
    <message>
        <source>其他列：勾选的列保存为字段</source>
        <translation>Other columns: checked columns are saved as fields</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>保存为字段名</source>
        <translation>Save as field</translation>
    </message>
    <message>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>号码列：</source>
        <translation>Number column:</translation>
    </message>
    <message>
        <source>姓名列：</source>
        <translation>Name column:</translation>
    </message>
    <message>
        <source>其他列（勾选的保存为字段，短信中可用 {字段名}）：</source>
        <translation>Other columns (checked ones are saved as fields, usable as {field name} in messages):</translation>
    </message>
    <message>
        <source>预览（前 %1 行）：</source>
        <translation>Preview (first %1 rows):</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>文件内重复（与上面的号码相同），不会重复导入</source>
        <translation>Duplicate of a number above in this file: not imported twice</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>可导入</source>
        <translation>Can be imported</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>发送账户</source>
        <translation>Sending account</translation>
    </message>
    <message>
        <source>备用账户（主账户无法发送时改用）</source>
        <translation>Backup account (used when the main account cannot send)</translation>
    </message>
    <message>
        <source>模板短信</source>
        <translation>Template message</translation>
    </message>
    <message>
        <source>使用网关模板发送</source>
        <translation>Send with a gateway template</translation>
    </message>
    <message>
        <source>模板编号</source>
        <translation>Template ID</translation>
    </message>
    <message>
        <source>模板变量，每行一个</source>
        <translation>Template variables, one per line</translation>
    </message>
    <message>
        <source>模板变量：每行一个，依次对应 @1@、@2@ …，可用 {列名}</source>
        <translation>Template variables: one per line, for @1@, @2@ … in order; {column name} allowed</translation>
    </message>
    <message>
        <source>模板编号：</source>
        <translation>Template ID:</translation>
    </message>
    <message>
        <source>模板变量：</source>
        <translation>Template variables:</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>备用账户：</source>
        <translation>Backup account:</translation>
    </message>
    <message>
        <source>立即发送</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>定时发送：</source>
        <translation>Scheduled send:</translation>
    </message>
    <message>
        <source>定时发送</source>
        <translation>Scheduled send</translation>
    </message>
    <message>
        <source>定时发送的日期和时间</source>
        <translation>Date and time of the scheduled send</translation>
    </message>
    <message>
        <source>本机时间</source>
        <translation>This computer&apos;s time</translation>
    </message>
    <message>
        <source>发送…</source>
        <translation>Send…</translation>
    </message>
    <message>
        <source>发送（先显示确认）</source>
        <translation>Send (asks for confirmation first)</translation>
    </message>
    <message>
        <source>（不使用）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>发送账户已删除</source>
        <translation>Sending account removed</translation>
    </message>
    <message>
        <source>账户 %1 已被删除，请重新选择发送账户。</source>
        <translation>The account %1 was removed. Choose the account to send from again.</translation>
    </message>
    <message>
        <source>备用账户已删除</source>
        <translation>Backup account removed</translation>
    </message>
    <message>
        <source>备用账户 %1 已被删除，现在不使用备用账户。</source>
        <translation>The backup account %1 was removed; no backup account is used now.</translation>
    </message>
    <message>
        <source>本机时间；北京时间 %1</source>
        <translation>this computer&apos;s time; Beijing time %1</translation>
    </message>
    <message>
        <source>这个时间已经过去</source>
        <translation>This time has passed</translation>
    </message>
    <message>
        <source>定时发送的时间已经过去，请改为将来的时间，或选择“立即发送”。</source>
        <translation>The send time has passed: choose a time in the future, or Send now.</translation>
    </message>
    <message>
        <source>选择号码文件</source>
        <translation>Choose a File of Numbers</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)</source>
        <translation>Spreadsheet files (*.xlsx *.xlsm *.xls *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>正在读取通讯录…</source>
        <translation>Loading contacts…</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>上一个发送任务还在进行（或已暂停）。请等它结束或取消后再发送。</source>
        <translation>The previous send job is still running (or paused). Wait for it to finish, or cancel it, before sending again.</translation>
    </message>
    <message>
        <source>号码还在粘贴中，请稍候再发送。</source>
        <translation>The numbers are still being pasted; send when they are all in.</translation>
    </message>
    <message>
        <source>请先选择发送账户。</source>
        <translation>Please choose the sending account first.</translation>
    </message>
    <message>
        <source>请先填写接收号码，或从文件导入。</source>
        <translation>Please enter the recipients first, or import them from a file.</translation>
    </message>
    <message>
        <source>无法发送：</source>
        <translation>Cannot send: </translation>
    </message>
    <message>
        <source>任务 %1：正在发送测试短信到本人号码…</source>
        <translation>Job %1: sending the test to your own numbers…</translation>
    </message>
    <message>
        <source>测试短信没有发出（任务 %1），群发没有开始。请在“发送记录”中查看原因。</source>
        <translation>The test was not sent (job %1); the bulk send has not started. See why in History.</translation>
    </message>
    <message numerus="yes">
        <source>测试短信已发到本人号码（%Ln 条，任务 %1）。请在手机上查看内容是否正确。

内容无误，开始群发吗？</source>
        <translation>
            <numerusform>The test went to your own numbers (%Ln message, job %1). Check on the phone that it reads right.

Does it look right? Start the bulk send?</numerusform>
            <numerusform>The test went to your own numbers (%Ln messages, job %1). Check on the phone that they read right.

Do they look right? Start the bulk send?</numerusform>
        </translation>
    </message>
    <message>
        <source>确认测试短信</source>
        <translation>Check the test</translation>
    </message>
    <message>
        <source>内容无误，开始群发</source>
        <translation>Looks right: send to all</translation>
    </message>
    <message>
        <source>取消群发</source>
        <translation>Cancel the bulk send</translation>
    </message>
    <message>
        <source>已取消群发</source>
        <translation>Bulk send cancelled</translation>
    </message>
    <message>
        <source>测试之后没有群发。</source>
        <translation>Nothing was sent after the test.</translation>
    </message>
    <message>
        <source>任务 %1 已交给发送服务（由服务器发送），本机可以关机。</source>
        <translation>Job %1 is handed to the sender service (sent by the server); this PC may be switched off.</translation>
    </message>
    <message>
        <source>已交给服务器</source>
        <translation>Handed to the server</translation>
    </message>
    <message>
        <source>任务 %1 是营销短信，现在不在营销时段：将于 %2 发出。</source>
        <translation>Job %1 is marketing and the marketing window is closed now: it goes out at %2.</translation>
    </message>
    <message>
        <source>营销短信已保留</source>
        <translation>Marketing held</translation>
    </message>
    <message>
        <source>定时任务已保存</source>
        <translation>Scheduled job saved</translation>
    </message>
    <message>
        <source>网关拒绝的原因：</source>
        <translation>Why the gateway refused them: </translation>
    </message>
    <message>
        <source>可在“发送记录”中查看每个号码，核实后继续或重发。</source>
        <translation>See each number in the History tab; once checked, resume or resend from there.</translation>
    </message>
    <message>
        <source>发送结束：有号码需要注意</source>
        <translation>Send ended: some numbers need attention</translation>
    </message>
    <message>
        <source>改用 UTF-8 编码</source>
        <translation>Switch to UTF-8</translation>
    </message>
    <message>
        <source>该网关支持 UTF-8 编码，可以发送这些字符。要把账户 %1 改为 UTF-8 吗？</source>
        <translation>This gateway supports UTF-8, which can carry these characters. Switch account %1 to UTF-8?</translation>
    </message>
    <message>
        <source>改用 UTF-8</source>
        <translation>Use UTF-8</translation>
    </message>
</context>
<context>
    <name>ConfirmSendDialog</name>
    <message>
        <source>确认发送</source>
        <translation>Confirm Send</translation>
    </message>
    <message>
        <source>（备用：%1）</source>
        <translation> (backup: %1)</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>号码：</source>
        <translation>Numbers:</translation>
    </message>
    <message>
        <source>将发送：</source>
        <translation>Will send to:</translation>
    </message>
    <message>
        <source>跳过：</source>
        <translation>Skipped: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>每条字数：</source>
        <translation>Characters per message:</translation>
    </message>
    <message numerus="yes">
        <source>无效 %Ln</source>
        <translation>
            <numerusform>%Ln invalid</numerusform>
            <numerusform>%Ln invalid</numerusform>
        </translation>
    </message>
    <message>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 分钟前</source>
        <translation>
            <numerusform>%Ln minute ago</numerusform>
            <numerusform>%Ln minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 小时前</source>
        <translation>
            <numerusform>%Ln hour ago</numerusform>
            <numerusform>%Ln hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 天前</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重复 %Ln</source>
        <translation>
            <numerusform>%Ln duplicate</numerusform>
            <numerusform>%Ln duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>黑名单 %Ln</source>
        <translation>
            <numerusform>%Ln blacklisted</numerusform>
            <numerusform>%Ln blacklisted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>缺少字段 %Ln</source>
        <translation>
            <numerusform>%Ln missing a field</numerusform>
            <numerusform>%Ln missing a field</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 字，</source>
        <translation>
            <numerusform>%1 character, </numerusform>
            <numerusform>%1 characters, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>计 %1 条</source>
        <translation>
            <numerusform>%1 message</numerusform>
            <numerusform>%1 messages</numerusform>
        </translation>
    </message>
    <message>
        <source>计费条数：</source>
        <translation>Billed messages:</translation>
    </message>
    <message>
        <source>号段归属：</source>
        <translation>Number blocks:</translation>
    </message>
    <message>
        <source>按号码所在号段最初分配的运营商统计；携号转网的号码现在可能属于另一家运营商。</source>
        <translation>Counted by the carrier each number&apos;s block was first allocated to; a number ported to another carrier keeps its block.</translation>
    </message>
    <message>
        <source>请求次数：</source>
        <translation>Requests:</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>由服务器发送</source>
        <translation>Send from the server</translation>
    </message>
    <message>
        <source>发送服务（主机 %1）发送这个任务，本机可以关机。</source>
        <translation>The sender service (host %1) sends this job; this PC may be switched off.</translation>
    </message>
    <message>
        <source>确认发送(&amp;S)</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>先发测试(&amp;S)</source>
        <translation>&amp;Send the test first</translation>
    </message>
    <message>
        <source>先发测试</source>
        <translation>Send the test first</translation>
    </message>
    <message>
        <source>后付费账户（先发后结，无余额限制）</source>
        <translation>Postpaid account (billed afterwards, no balance limit)</translation>
    </message>
    <message>
        <source>刚才查询失败：%1</source>
        <translation>Reading it just now failed: %1</translation>
    </message>
    <message>
        <source>未知：这台电脑还没有保存这个账户的密码（由本机发送时，确认后会请你输入）。</source>
        <translation>Unknown: this PC has not kept this account&apos;s password yet (when this PC sends, you are asked for it after confirming).</translation>
    </message>
    <message>
        <source>余额：</source>
        <translation>Balance:</translation>
    </message>
    <message>
        <source>未知（查询失败：%1）</source>
        <translation>Unknown (reading it failed: %1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 条（%2查询），发送后约剩 %3 条</source>
        <translation>
            <numerusform>%1 message (checked %2); about %3 left after this send</numerusform>
            <numerusform>%1 messages (checked %2); about %3 left after this send</numerusform>
        </translation>
    </message>
    <message>
        <source>——余额不足！</source>
        <translation> — balance too low!</translation>
    </message>
    <message>
        <source>立即发送</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>定时：%1</source>
        <translation>Scheduled: %1</translation>
    </message>
    <message>
        <source>（本机时间；北京时间 %1）</source>
        <translation> (this computer&apos;s time; Beijing time %1)</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>定时任务将交给网关保存；交出后，本程序无法再撤回。</source>
        <translation>The scheduled job is handed to the gateway; once handed over, this program cannot withdraw it.</translation>
    </message>
    <message>
        <source>第一条：</source>
        <translation>First message:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>取消发送</source>
        <translation>Cancel Send</translation>
    </message>
</context>
<context>
    <name>ContactEditDialog</name>
    <message>
        <source>编辑联系人</source>
        <translation>Edit Contact</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>Add Contact</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>其他字段</source>
        <translation>Other fields</translation>
    </message>
    <message>
        <source>字段名</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>添加字段</source>
        <translation>Add Field</translation>
    </message>
    <message>
        <source>添加一个字段</source>
        <translation>Add a field</translation>
    </message>
    <message>
        <source>手机号码：</source>
        <translation>Mobile number:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>其他字段（短信中可用 {字段名} 引用）：</source>
        <translation>Other fields (usable as {field name} in messages):</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>运营商</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>归属地</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>其他字段</source>
        <translation>Other fields</translation>
    </message>
    <message>
        <source>号段归属：号码所在号段最初分配的运营商和地区。携号转网的号码现在可能不同。</source>
        <translation>Number block: the carrier and region the number&apos;s block was first allocated to. A ported number may now be with another carrier.</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>加入时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>手动添加</source>
        <translation>Added manually</translation>
    </message>
    <message>
        <source>退订回复</source>
        <translation>Opt-out reply</translation>
    </message>
    <message>
        <source>文件导入</source>
        <translation>File import</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>新建分组</source>
        <translation>New Group</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>重命名分组</source>
        <translation>Rename Group</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除分组及其联系人</source>
        <translation>Delete the group and its contacts</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>黑名单…</source>
        <translation>Blacklist…</translation>
    </message>
    <message>
        <source>查看和管理黑名单</source>
        <translation>View and manage the blacklist</translation>
    </message>
    <message>
        <source>导入模板…</source>
        <translation>Import Template…</translation>
    </message>
    <message>
        <source>搜索联系人</source>
        <translation>Search contacts</translation>
    </message>
    <message>
        <source>搜索姓名、号码（可输入部分）或任意字段</source>
        <translation>Search name, number (or part of it) or any field</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 文件导入联系人</source>
        <translation>Import contacts from an Excel or CSV file</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出联系人为 Excel</source>
        <translation>Export contacts to Excel</translation>
    </message>
    <message>
        <source>保存导入模板（Excel）</source>
        <translation>Save the import template (Excel)</translation>
    </message>
    <message>
        <source>按运营商筛选（号段归属）</source>
        <translation>Filter by carrier (number block)</translation>
    </message>
    <message>
        <source>全部运营商</source>
        <translation>All carriers</translation>
    </message>
    <message>
        <source>按省份筛选（号段归属）</source>
        <translation>Filter by province (number block)</translation>
    </message>
    <message>
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <source>未知地区</source>
        <translation>Unknown region</translation>
    </message>
    <message>
        <source>号段归属：</source>
        <translation>Number block:</translation>
    </message>
    <message>
        <source>联系人列表</source>
        <translation>Contact list</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>Add Contact</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑选中的联系人</source>
        <translation>Edit the selected contact</translation>
    </message>
    <message>
        <source>删除选中的联系人</source>
        <translation>Delete the selected contacts</translation>
    </message>
    <message>
        <source>移动到…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <source>把选中的联系人移动到另一个分组</source>
        <translation>Move the selected contacts to another group</translation>
    </message>
    <message>
        <source>复制到…</source>
        <translation>Copy to…</translation>
    </message>
    <message>
        <source>把选中的联系人复制到另一个分组</source>
        <translation>Copy the selected contacts to another group</translation>
    </message>
    <message>
        <source>发送给此分组</source>
        <translation>Send to Group</translation>
    </message>
    <message>
        <source>给当前分组的所有联系人发短信</source>
        <translation>Send a message to every contact of this group</translation>
    </message>
    <message>
        <source>发送给选中的</source>
        <translation>Send to Selection</translation>
    </message>
    <message>
        <source>给选中的联系人发短信</source>
        <translation>Send a message to the selected contacts</translation>
    </message>
    <message>
        <source>发送给所有匹配的</source>
        <translation>Send to All Matching</translation>
    </message>
    <message>
        <source>给搜索到的所有联系人发短信</source>
        <translation>Send a message to every contact found</translation>
    </message>
    <message>
        <source>全部联系人（%1）</source>
        <translation>All contacts (%1)</translation>
    </message>
    <message>
        <source>分组名称：</source>
        <translation>Group name:</translation>
    </message>
    <message>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>删除分组</source>
        <translation>Delete Group</translation>
    </message>
    <message numerus="yes">
        <source>删除分组“%1”及其中的 %2 个联系人？此操作不能撤销。</source>
        <translation>
            <numerusform>Delete group “%1” and its %2 contact? This cannot be undone.</numerusform>
            <numerusform>Delete group “%1” and its %2 contacts? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>至少 %1 人，正在计数…</source>
        <translation>At least %1, counting…</translation>
    </message>
    <message numerus="yes">
        <source>找到 %1 人</source>
        <translation>
            <numerusform>%1 found</numerusform>
            <numerusform>%1 found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %1 人</source>
        <translation>
            <numerusform>%1 contact</numerusform>
            <numerusform>%1 contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>已被他人修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>重新读取</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>发送给选中的（%1）</source>
        <translation>Send to Selection (%1)</translation>
    </message>
    <message>
        <source>发送给所有匹配的（%1）</source>
        <translation>Send to All Matching (%1)</translation>
    </message>
    <message>
        <source>删除联系人</source>
        <translation>Delete Contacts</translation>
    </message>
    <message numerus="yes">
        <source>删除选中的 %1 个联系人？</source>
        <translation>
            <numerusform>Delete the selected contact?</numerusform>
            <numerusform>Delete the %1 selected contacts?</numerusform>
        </translation>
    </message>
    <message>
        <source>移动到分组</source>
        <translation>Move to Group</translation>
    </message>
    <message>
        <source>复制到分组</source>
        <translation>Copy to Group</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>选中的 %1 个联系人：</source>
        <translation>
            <numerusform>The selected contact:</numerusform>
            <numerusform>The %1 selected contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已移动 %1 个到“%2”</source>
        <translation>
            <numerusform>%1 moved to “%2”</numerusform>
            <numerusform>%1 moved to “%2”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已复制 %1 个到“%2”</source>
        <translation>
            <numerusform>%1 copied to “%2”</numerusform>
            <numerusform>%1 copied to “%2”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>；%1 个号码该分组已有，未变动</source>
        <translation>
            <numerusform>; %1 number was already in that group and was left as it was</numerusform>
            <numerusform>; %1 numbers were already in that group and were left as they were</numerusform>
        </translation>
    </message>
    <message>
        <source>通讯录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>分组“%1”</source>
        <translation>Group “%1”</translation>
    </message>
    <message numerus="yes">
        <source>选中的 %1 个联系人</source>
        <translation>
            <numerusform>the selected contact</numerusform>
            <numerusform>%1 selected contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>全部联系人</source>
        <translation>All contacts</translation>
    </message>
    <message>
        <source>%1 中匹配“%2”的联系人</source>
        <translation>Contacts in %1 matching “%2”</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>导出联系人</source>
        <translation>Export Contacts</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message numerus="yes">
        <source>%1 个联系人已保存到 %2</source>
        <translation>
            <numerusform>%1 contact saved to %2</numerusform>
            <numerusform>%1 contacts saved to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save Import Template</translation>
    </message>
    <message>
        <source>通讯录导入模板</source>
        <translation>Contacts import template</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>导入模板已保存到 %1</source>
        <translation>The import template was saved to %1</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>状态报告时间：</source>
        <translation>Delivery report time: </translation>
    </message>
    <message>
        <source>退订</source>
        <translation>Opt-out</translation>
    </message>
</context>
<context>
    <name>ConversationDialog</name>
    <message>
        <source>对话：%1</source>
        <translation>Conversation: %1</translation>
    </message>
    <message>
        <source>与该号码的全部短信往来</source>
        <translation>Every message to and from this number</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>给该号码发短信（打开发送页）</source>
        <translation>Send a message to this number (opens Send)</translation>
    </message>
    <message>
        <source>号码 %1：</source>
        <translation>Number %1: </translation>
    </message>
    <message numerus="yes">
        <source>发出 %Ln 条</source>
        <translation>
            <numerusform>%Ln sent</numerusform>
            <numerusform>%Ln sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，回复 %Ln 条</source>
        <translation>
            <numerusform>, %Ln reply</numerusform>
            <numerusform>, %Ln replies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DailyModel</name>
    <message>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>送达率</source>
        <translation>Delivery rate</translation>
    </message>
    <message>
        <source>计费条数</source>
        <translation>Parts charged</translation>
    </message>
    <message numerus="yes">
        <source>%1：发出 %2，送达 %3（%4），计费 %5 条</source>
        <translation>
            <numerusform>%1: %2 sent, %3 delivered (%4), %5 part charged</numerusform>
            <numerusform>%1: %2 sent, %3 delivered (%4), %5 parts charged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>近 %n 天每天的发送和送达</source>
        <translation>
            <numerusform>Sent and delivered per day, last %n day</numerusform>
            <numerusform>Sent and delivered per day, last %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>计费条数：网关已接收的短信按条计，超过 70 字的一条短信计为多条；被拒绝和结果未知的不计。按本机的发送记录统计，以服务商的账单为准。</source>
        <translation>Parts charged: the messages the gateway accepted, counted in parts (a text over 70 characters is several parts); refused and unknown sends are not counted. Counted from this computer&apos;s send history; the vendor&apos;s bill is what counts.</translation>
    </message>
    <message>
        <source>这段时间没有发送。</source>
        <translation>Nothing was sent in this period.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>发生了意外错误。程序可以继续使用；详细信息已写入日志文件。</source>
        <translation>An unexpected error occurred. You can keep using the program; the details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>第 %1 步：选择文件</source>
        <translation>Step %1: Choose a File</translation>
    </message>
    <message>
        <source>支持 Excel（.xlsx .xlsm .xls）、WPS/LibreOffice（.ods）和文本（.csv .txt）。</source>
        <translation>Excel (.xlsx .xlsm .xls), WPS/LibreOffice (.ods) and text (.csv .txt) files are supported.</translation>
    </message>
    <message>
        <source>要导入的文件</source>
        <translation>The file to import</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation>Spreadsheet files</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>已读取：%1 列，</source>
        <translation>
            <numerusform>Read: %1 column, </numerusform>
            <numerusform>Read: %1 columns, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>约 %2 行</source>
        <translation>
            <numerusform>about %2 row</numerusform>
            <numerusform>about %2 rows</numerusform>
        </translation>
    </message>
    <message>
        <source>；编码 %1</source>
        <translation>; encoding %1</translation>
    </message>
</context>
<context>
    <name>GuardPanel</name>
    <message>
        <source>发送规则</source>
        <translation>Sending rules</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>任务类型：通知</source>
        <translation>Job kind: notification</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>任务类型：营销</source>
        <translation>Job kind: marketing</translation>
    </message>
    <message>
        <source>含“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>”“</source>
        <translation>”, “</translation>
    </message>
    <message>
        <source>含链接 %1</source>
        <translation>the link %1</translation>
    </message>
    <message>
        <source>内容%1，像营销短信：请确认类型。</source>
        <translation>The text holds %1, so it reads as marketing: confirm the kind.</translation>
    </message>
    <message>
        <source>，</source>
        <translation> and </translation>
    </message>
    <message>
        <source>任务类型：</source>
        <translation>Job kind:</translation>
    </message>
    <message>
        <source>发送规则的检查结果</source>
        <translation>What the sending rules found</translation>
    </message>
    <message>
        <source>在内容末尾加上退订提示</source>
        <translation>Append the opt-out marker to the text</translation>
    </message>
    <message>
        <source>忽略营销时段（记录在任务上）</source>
        <translation>Ignore the marketing window (recorded on the job)</translation>
    </message>
    <message>
        <source>忽略营销时段</source>
        <translation>Ignore the marketing window</translation>
    </message>
    <message>
        <source>先发给自己</source>
        <translation>Test on myself first</translation>
    </message>
    <message numerus="yes">
        <source>先发给自己：前 %Ln 条个性化短信发到 %1，确认无误后再群发</source>
        <translation>
            <numerusform>Test on myself first: the first personalised message goes to %1; the bulk send waits until it looks right</numerusform>
            <numerusform>Test on myself first: the first %Ln personalised messages go to %1; the bulk send waits until they look right</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>先发给自己（请先在 设置 → 发送规则 中填写本人号码）</source>
        <translation>Test on myself first (set your own numbers under Settings → Sending rules first)</translation>
    </message>
    <message>
        <source>营销短信须以退订提示结尾：请先加上。</source>
        <translation>A marketing text must end with the opt-out marker: append it first.</translation>
    </message>
    <message>
        <source>（本机时间；北京时间 %1）</source>
        <translation> (this computer&apos;s time; Beijing time %1)</translation>
    </message>
    <message>
        <source>营销时段 %1（北京时间）</source>
        <translation>Marketing window %1 (Beijing time)</translation>
    </message>
    <message>
        <source>%1：已忽略（记录在任务上）。</source>
        <translation>%1: ignored (recorded on the job).</translation>
    </message>
    <message>
        <source>%1：现在不在时段内，任务将保留到 %2 再发出。</source>
        <translation>%1: closed now; the job is held until %2.</translation>
    </message>
    <message>
        <source>%1：%2 时段结束，未发完的部分暂停，下一个时段继续。</source>
        <translation>%1: it closes at %2; whatever is not sent by then waits for the next opening.</translation>
    </message>
    <message>
        <source>每天营销 %1 条</source>
        <translation>%1 marketing a day</translation>
    </message>
    <message>
        <source>7 天营销 %1 条</source>
        <translation>%1 marketing in 7 days</translation>
    </message>
    <message>
        <source>每天共 %1 条</source>
        <translation>%1 of any kind a day</translation>
    </message>
    <message numerus="yes">
        <source>频次限制：%Ln 个号码超出限制，将跳过（%1）。</source>
        <translation>
            <numerusform>Frequency caps: %Ln number is over a cap and will be skipped (%1).</numerusform>
            <numerusform>Frequency caps: %Ln numbers are over a cap and will be skipped (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>频次限制：没有号码超出限制。</source>
        <translation>Frequency caps: no number is over a cap.</translation>
    </message>
    <message>
        <source>营销短信须以“%1”结尾；加上后每条最多 %2 字，计 %3 条，共 %4 条。</source>
        <translation>A marketing text must end with “%1”; with it, at most %2 characters, %3 part(s) each, %4 parts in all.</translation>
    </message>
    <message>
        <source>没有签名：运营商要求短信带【签名】，请在账户中设置。</source>
        <translation>No signature: carriers require a 【signature】; set one on the account.</translation>
    </message>
    <message>
        <source>内容带有 %2，账户的签名 %1 不会再加上。</source>
        <translation>The text carries %2, so the account&apos;s signature %1 is not added.</translation>
    </message>
    <message>
        <source>签名 %1 在短信中出现了两次。</source>
        <translation>The signature %1 appears twice in the message.</translation>
    </message>
    <message>
        <source>内容中还有一个签名 %2：一条短信只能有一个签名。</source>
        <translation>The text holds a second signature %2: a message carries one signature.</translation>
    </message>
    <message>
        <source>签名 %1 太短：该通道要求至少 %3 个字。</source>
        <translation>The signature %1 is too short: this gateway wants at least %3 characters.</translation>
    </message>
    <message>
        <source>签名 %1 太长：该通道最多 %3 个字。</source>
        <translation>The signature %1 is too long: this gateway takes at most %3 characters.</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <source>加上“%1”</source>
        <translation>Append “%1”</translation>
    </message>
</context>
<context>
    <name>GuardSettingsDialog</name>
    <message>
        <source>发送规则</source>
        <translation>Sending rules</translation>
    </message>
    <message>
        <source>频次限制（每个号码，所有任务和账户合计）</source>
        <translation>Frequency caps (per number, across all jobs and accounts)</translation>
    </message>
    <message>
        <source>每天营销短信最多：</source>
        <translation>Marketing a day, at most:</translation>
    </message>
    <message>
        <source>每个号码每天最多几条营销短信</source>
        <translation>Most marketing messages a number gets a day</translation>
    </message>
    <message>
        <source>7 天营销短信最多：</source>
        <translation>Marketing in 7 days, at most:</translation>
    </message>
    <message>
        <source>每个号码 7 天内最多几条营销短信</source>
        <translation>Most marketing messages a number gets in 7 days</translation>
    </message>
    <message>
        <source>每天各类短信共最多：</source>
        <translation>Messages of any kind a day, at most:</translation>
    </message>
    <message>
        <source>每个号码每天最多几条短信（通知和营销合计）</source>
        <translation>Most messages a number gets a day (notifications and marketing together)</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> messages</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>no cap</translation>
    </message>
    <message>
        <source>按北京时间的自然日计算；超出的号码跳过，原因记为“频次限制”。</source>
        <translation>Days are Beijing calendar days; numbers over a cap are skipped with the reason “frequency cap”.</translation>
    </message>
    <message>
        <source>营销词，每行一个</source>
        <translation>Marketing words, one a line</translation>
    </message>
    <message>
        <source>营销词</source>
        <translation>Marketing words</translation>
    </message>
    <message>
        <source>内容含这些词或链接时，按营销短信提示（发送前由您确认类型）。</source>
        <translation>A text holding one of these words or a link reads as marketing (you confirm the kind before sending).</translation>
    </message>
    <message>
        <source>本人号码，最多 3 个</source>
        <translation>Your own numbers, at most 3</translation>
    </message>
    <message>
        <source>例如：13800138000, 13900139000</source>
        <translation>e.g. 13800138000, 13900139000</translation>
    </message>
    <message>
        <source>本人号码（先发给自己）</source>
        <translation>Your own numbers (test on myself first)</translation>
    </message>
    <message>
        <source>号码（1–3 个）：</source>
        <translation>Numbers (1–3):</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存发送规则</source>
        <translation>Save the sending rules</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>正在打开使用说明…</source>
        <translation>Opening the user guide…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 是给技术人员的文档，不随程序安装。</source>
        <translation>%1 is a document for technical readers; it does not come with the program.</translation>
    </message>
</context>
<context>
    <name>HeldClose</name>
    <message numerus="yes">
        <source>有 %Ln 个定时任务保存在本机，等待到时发送（最早 %1）。程序退出后它们不会发出，除非到时本程序在运行，或由系统的计划任务运行发送命令。</source>
        <translation>
            <numerusform>%Ln scheduled job is held on this PC until its time (the first at %1). Once the program quits it is not sent, unless the program is running then or the system&apos;s scheduler runs the send command.</numerusform>
            <numerusform>%Ln scheduled jobs are held on this PC until their time (the first at %1). Once the program quits they are not sent, unless the program is running then or the system&apos;s scheduler runs the send command.</numerusform>
        </translation>
    </message>
    <message>
        <source>仍然退出</source>
        <translation>Quit Anyway</translation>
    </message>
    <message>
        <source>保持运行（最小化）</source>
        <translation>Keep Running (Minimised)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>改用系统计划任务…</source>
        <translation>Use the System Scheduler…</translation>
    </message>
    <message>
        <source>有定时任务等待发送</source>
        <translation>Scheduled Jobs Are Waiting</translation>
    </message>
    <message>
        <source>用 Windows 的“任务计划程序”每 5 分钟运行一次发送命令：在“命令提示符”中执行下面这一行即可创建该计划任务（以后可在“任务计划程序”中查看或删除）。到时电脑须开机，但本程序无需运行。</source>
        <translation>Let Windows Task Scheduler run the send command every 5 minutes: running the line below once in a Command Prompt creates that task (you can see or delete it later in Task Scheduler). The PC must be on at the time, but this program need not be running.</translation>
    </message>
    <message>
        <source>用 cron 每 5 分钟运行一次发送命令：在“终端”中执行 crontab -e，加入下面这一行并保存。到时 Mac 须开机且未睡眠，但本程序无需运行。</source>
        <translation>Let cron run the send command every 5 minutes: in Terminal, run crontab -e, add the line below and save. The Mac must be on and awake at the time, but this program need not be running.</translation>
    </message>
    <message>
        <source>用 cron 每 5 分钟运行一次发送命令：在终端中执行 crontab -e，加入下面这一行并保存（也可以用 systemd 的用户定时器）。到时电脑须开机，但本程序无需运行。</source>
        <translation>Let cron run the send command every 5 minutes: in a terminal, run crontab -e, add the line below and save (a systemd user timer works too). The computer must be on at the time, but this program need not be running.</translation>
    </message>
    <message>
        <source>用系统计划任务发送定时任务</source>
        <translation>Send Scheduled Jobs with the System Scheduler</translation>
    </message>
</context>
<context>
    <name>HeldWords</name>
    <message>
        <source>任务 %1 已保存在办公室服务器上，将于 %2 由发送服务（主机 %3）发送，本机可以关机。</source>
        <translation>Job %1 is saved on the office server; the sender service (host %3) sends it at %2, and this PC may be switched off.</translation>
    </message>
    <message>
        <source>任务 %1 已保存在办公室服务器上，将于 %2 由开着本程序的电脑（或发送服务）发送。</source>
        <translation>Job %1 is saved on the office server; a PC with the program open (or the sender service) sends it at %2.</translation>
    </message>
    <message>
        <source>任务 %1 已保存，将于 %2 由本程序发送（到时电脑须开机、程序须运行）。</source>
        <translation>Job %1 is saved and will be sent by this program at %2 (the PC must be on and the program running then).</translation>
    </message>
    <message>
        <source>定时任务保存在办公室服务器上：到时由任何一台开着本程序、保存了该账户密码的电脑（或发送服务）发出，那时至少要有一台电脑开着本程序。</source>
        <translation>The scheduled send is kept on the office server: any PC with the application open and the account&apos;s password (or the sender service) sends it at the set time, so at least one such PC must be running the application then.</translation>
    </message>
    <message>
        <source>定时任务保存在办公室服务器上：到时由发送服务（主机 %1）发出，本机可以关机。</source>
        <translation>The scheduled send is kept on the office server: the sender service (host %1) sends it at the set time; this PC may be switched off.</translation>
    </message>
    <message>
        <source>定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行，短信才会发出。</source>
        <translation>The scheduled job is held on this PC: it is only sent if the PC is on and this program is running at that time.</translation>
    </message>
    <message>
        <source>该账户的定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行。</source>
        <translation>This account&apos;s scheduled jobs are held on this PC: at that time the PC must be on and this program running.</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>发送任务列表</source>
        <translation>Send jobs</translation>
    </message>
    <message>
        <source>继续发送</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>继续发送所选任务中待发送的号码</source>
        <translation>Resume sending to the pending numbers of the selected job</translation>
    </message>
    <message>
        <source>重发被拒号码</source>
        <translation>Resend Rejected</translation>
    </message>
    <message>
        <source>用被拒绝的号码新建一个任务并发送</source>
        <translation>Create a new job with the rejected numbers and send it</translation>
    </message>
    <message>
        <source>重发结果未知…</source>
        <translation>Resend Unknown…</translation>
    </message>
    <message>
        <source>重发结果未知的号码（可能已经送达）</source>
        <translation>Resend to the numbers with an unknown outcome (they may already have received it)</translation>
    </message>
    <message>
        <source>取消任务</source>
        <translation>Cancel Job</translation>
    </message>
    <message>
        <source>取消所选的定时或未发完的任务</source>
        <translation>Cancel the selected scheduled or unfinished job</translation>
    </message>
    <message>
        <source>任务报告…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <source>所选任务的报告：各状态、未送达原因、运营商和省份、状态报告到达时间</source>
        <translation>The selected job&apos;s report: states, undelivered reasons, carriers and provinces, delivery report times</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>把所选任务（未选时为全部任务）的发送记录导出为 Excel 文件</source>
        <translation>Export the send history of the selected jobs (all jobs when none is selected) to an Excel file</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取发送记录</source>
        <translation>Reload the send history</translation>
    </message>
    <message>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <source>只看我创建的任务</source>
        <translation>Only the jobs I created</translation>
    </message>
    <message>
        <source>只显示本电脑上当前 Windows 用户（%1）创建的任务</source>
        <translation>Show only the jobs that this Windows user (%1) created on this PC</translation>
    </message>
    <message>
        <source>没有你在这台电脑上创建的任务（%1）。取消“只看我的”可查看所有任务。</source>
        <translation>No jobs created by you on this PC (%1). Untick “Mine only” to see every job.</translation>
    </message>
    <message>
        <source>选择上方的任务，查看每个号码的结果。</source>
        <translation>Select a job above to see the result for each number.</translation>
    </message>
    <message>
        <source>任务 %1 · %2 · %3 · %4</source>
        <translation>Job %1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>用任务 %1 中被拒绝的 %2 个号码新建一个任务，并立即发送（内容和账户不变）。</source>
        <translation>
            <numerusform>Create a new job with the %2 rejected number of job %1 and send it now (same text and account).</numerusform>
            <numerusform>Create a new job with the %2 rejected numbers of job %1 and send it now (same text and account).</numerusform>
        </translation>
    </message>
    <message>
        <source>新建并发送(&amp;S)</source>
        <translation>Create and &amp;Send</translation>
    </message>
    <message>
        <source>在当前批次结束后停止发送任务 %1，其余号码不再发送。</source>
        <translation>Stop sending job %1 after the current batch; the remaining numbers are not sent.</translation>
    </message>
    <message>
        <source>停止发送</source>
        <translation>Stop Sending</translation>
    </message>
    <message>
        <source>无法取消</source>
        <translation>Cannot Cancel</translation>
    </message>
    <message>
        <source>任务 %1 已交给网关，由网关定时于 %2 发送，无法在本程序中撤回。如需撤回，请联系短信服务商。</source>
        <translation>Job %1 was handed to the gateway, which sends it at %2; this program cannot withdraw it. To withdraw it, contact your SMS provider.</translation>
    </message>
    <message numerus="yes">
        <source>取消任务 %1？未发出的 %2 个号码将不再发送。</source>
        <translation>
            <numerusform>Cancel job %1? The %2 number not yet sent will not be sent.</numerusform>
            <numerusform>Cancel job %1? The %2 numbers not yet sent will not be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>导出发送记录</source>
        <translation>Export Send History</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message numerus="yes">
        <source>%1 行已写入 %2</source>
        <translation>
            <numerusform>%1 row written to %2</numerusform>
            <numerusform>%1 rows written to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入联系人</source>
        <translation>Import Contacts</translation>
    </message>
    <message>
        <source>新导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>空号码</source>
        <translation>No number</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>Blacklisted</translation>
    </message>
    <message>
        <source>重复</source>
        <comment>one row</comment>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>无效</source>
        <comment>one row</comment>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>空号码</source>
        <comment>one row</comment>
        <translation>No number</translation>
    </message>
    <message>
        <source>黑名单</source>
        <comment>one row</comment>
        <translation>Blacklisted</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>回复内容</source>
        <translation>Reply text</translation>
    </message>
    <message>
        <source>退订</source>
        <translation>Opt-out</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>状态报告</source>
        <translation>Delivery report</translation>
    </message>
    <message>
        <source>对应的发送</source>
        <translation>Matching send</translation>
    </message>
    <message>
        <source>网关编号</source>
        <translation>Gateway ID</translation>
    </message>
    <message>
        <source>不在黑名单</source>
        <translation>Not blacklisted</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>已拉黑（回复退订）</source>
        <translation>Blacklisted (opt-out reply)</translation>
    </message>
    <message>
        <source>已拉黑（导入）</source>
        <translation>Blacklisted (import)</translation>
    </message>
    <message>
        <source>已拉黑（手动）</source>
        <translation>Blacklisted (manual)</translation>
    </message>
    <message>
        <source>已读</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>无对应发送（网页后台或其他电脑）</source>
        <translation>No matching send (web console or another PC)</translation>
    </message>
    <message>
        <source>未读</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
</context>
<context>
    <name>InboxTab</name>
    <message>
        <source>显示回复或状态报告</source>
        <translation>Show replies or delivery reports</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>无对应发送的状态报告</source>
        <translation>Reports without a matching send</translation>
    </message>
    <message>
        <source>无对应发送的状态报告：可能来自网关网页后台或另一台电脑上的发送</source>
        <translation>Delivery reports without a matching send: they may come from the gateway&apos;s web console or from sends on another PC</translation>
    </message>
    <message>
        <source>按账户筛选</source>
        <translation>Filter by account</translation>
    </message>
    <message>
        <source>全部账户</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>按号码筛选</source>
        <translation>Filter by number</translation>
    </message>
    <message>
        <source>号码或开头几位</source>
        <translation>Number or its first digits</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>按日期筛选</source>
        <translation>Filter by date</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>只看未读</source>
        <translation>Unread only</translation>
    </message>
    <message>
        <source>只显示未读的回复</source>
        <translation>Show only unread replies</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync Now</translation>
    </message>
    <message>
        <source>立即获取状态报告和回复</source>
        <translation>Fetch delivery reports and replies now</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>号码：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <source>收件箱：回复和状态报告</source>
        <translation>Inbox: replies and delivery reports</translation>
    </message>
    <message>
        <source>给所选号码发短信（打开发送页）</source>
        <translation>Send a message to the selected number (opens Send)</translation>
    </message>
    <message>
        <source>标记退订</source>
        <translation>Mark Opt-out</translation>
    </message>
    <message>
        <source>把所选号码加入黑名单（退订）</source>
        <translation>Blacklist the selected numbers (opt-out)</translation>
    </message>
    <message>
        <source>查看对话</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>查看发给该号码的全部短信和它的全部回复</source>
        <translation>Show every message sent to this number and every reply from it</translation>
    </message>
    <message>
        <source>标记已读</source>
        <translation>Mark Read</translation>
    </message>
    <message>
        <source>把所选回复标记为已读</source>
        <translation>Mark the selected replies as read</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 条</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message numerus="yes">
        <source>把 %Ln 个号码加入黑名单？以后的发送会跳过它们。</source>
        <translation>
            <numerusform>Blacklist %Ln number? Later sends will skip it.</numerusform>
            <numerusform>Blacklist %Ln numbers? Later sends will skip them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>新加入 %Ln 个号码，</source>
        <translation>
            <numerusform>%Ln number added, </numerusform>
            <numerusform>%Ln numbers added, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个原已在黑名单。</source>
        <translation>
            <numerusform>%Ln was already blacklisted.</numerusform>
            <numerusform>%Ln were already blacklisted.</numerusform>
        </translation>
    </message>
    <message>
        <source>同步出错（%1）：</source>
        <translation>Sync error (%1): </translation>
    </message>
    <message>
        <source>回复</source>
        <comment>list of</comment>
        <translation>Replies</translation>
    </message>
    <message>
        <source>状态报告</source>
        <comment>list of</comment>
        <translation>Delivery reports</translation>
    </message>
    <message>
        <source>加入黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>已加入黑名单</source>
        <translation>Blacklisted</translation>
    </message>
</context>
<context>
    <name>InboxWatch</name>
    <message>
        <source>任务 %1 由发送服务继续发送。</source>
        <translation>The sender service goes on with job %1.</translation>
    </message>
    <message>
        <source>余额不足</source>
        <translation>Low balance</translation>
    </message>
    <message>
        <source>发送完成</source>
        <translation>Send finished</translation>
    </message>
    <message>
        <source>发送已暂停</source>
        <translation>Send paused</translation>
    </message>
    <message>
        <source>已交给服务器</source>
        <translation>Handed to the server</translation>
    </message>
    <message>
        <source>已交网关定时发送</source>
        <translation>Held at the gateway until its time</translation>
    </message>
    <message>
        <source>收到新回复</source>
        <translation>New replies</translation>
    </message>
    <message>
        <source>请注意</source>
        <translation>Attention</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 条新回复，来自 %2</source>
        <translation>
            <numerusform>%Ln new reply, from %2</numerusform>
            <numerusform>%Ln new replies, from %2</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>；其中 %Ln 条退订，号码已加入黑名单</source>
        <translation>
            <numerusform>; %Ln of them opted out and was blacklisted</numerusform>
            <numerusform>; %Ln of them opted out and were blacklisted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>账户 %1 余额 %2 条，低于提醒值 %3 条</source>
        <translation>
            <numerusform>Account %1 has %2 message left, below the alert level of %3</numerusform>
            <numerusform>Account %1 has %2 messages left, below the alert level of %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobDetail</name>
    <message>
        <source>全部号码</source>
        <translation>All numbers</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>Unknown outcome</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <source>网关已接收（未有报告）</source>
        <translation>Accepted by the gateway (no report yet)</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>选择上方的任务，查看每个号码的结果。</source>
        <translation>Select a job above to see the result for each number.</translation>
    </message>
    <message>
        <source>任务的操作人</source>
        <translation>Who acted on the job</translation>
    </message>
    <message>
        <source>按状态筛选号码</source>
        <translation>Filter the numbers by state</translation>
    </message>
    <message>
        <source>任务的号码及结果</source>
        <translation>The job&apos;s numbers and results</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个号码</source>
        <translation>
            <numerusform>%Ln number</numerusform>
            <numerusform>%Ln numbers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRuns</name>
    <message>
        <source>“发送记录”中开始的发送仍在进行。退出将在当前批次结束后暂停，下次启动后可继续。</source>
        <translation>A send started from “History” is still running. Quitting pauses it after the current batch; you can resume it at the next start.</translation>
    </message>
    <message>
        <source>不重发</source>
        <translation>Don&apos;t Resend</translation>
    </message>
    <message>
        <source>仍然重发(&amp;R)</source>
        <translation>&amp;Resend Anyway</translation>
    </message>
    <message numerus="yes">
        <source>任务 %1 有 %2 个号码结果未知：请求可能已经到达网关，这些号码可能已经收到短信。重发后他们可能收到两条相同的短信。确定要重发吗？</source>
        <translation>
            <numerusform>Job %1 has %2 number with an unknown outcome: the request may have reached the gateway, and it may already have the message. If you resend, it may receive it twice. Resend anyway?</numerusform>
            <numerusform>Job %1 has %2 numbers with an unknown outcome: the request may have reached the gateway, and they may already have the message. If you resend, they may receive it twice. Resend anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>重发结果未知的号码</source>
        <translation>Resend Unknown Numbers</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>创建者</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>号码数</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>被拒</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>待发</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>定时</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>%1 创建于 %2</source>
        <translation>Created by %1 at %2</translation>
    </message>
    <message>
        <source>%1 取消于 %2</source>
        <translation>cancelled by %1 at %2</translation>
    </message>
    <message>
        <source>%1 开始于 %2</source>
        <translation>started by %1 at %2</translation>
    </message>
    <message>
        <source>%1 暂停于 %2</source>
        <translation>paused by %1 at %2</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>自动化：%1</source>
        <translation>automation: %1</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>更改在重新启动程序后生效。</source>
        <translation>The change takes effect when the program restarts.</translation>
    </message>
    <message>
        <source>语言：</source>
        <translation>Language:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>通讯录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>自动化</source>
        <translation>Automation</translation>
    </message>
    <message>
        <source>短信群发助手</source>
        <translation>SMS Desktop</translation>
    </message>
    <message>
        <source>演示模式</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>主选项卡</source>
        <translation>Main tabs</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>立即同步(&amp;Y)</source>
        <translation>S&amp;ync Now</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>账户(&amp;A)…</source>
        <translation>&amp;Accounts…</translation>
    </message>
    <message>
        <source>选项(&amp;O)…</source>
        <translation>&amp;Options…</translation>
    </message>
    <message>
        <source>发送规则(&amp;R)…</source>
        <translation>Sending &amp;rules…</translation>
    </message>
    <message>
        <source>推送接收(&amp;P)…</source>
        <translation>&amp;Push Receiver…</translation>
    </message>
    <message>
        <source>短信模板(&amp;T)…</source>
        <translation>Message &amp;Templates…</translation>
    </message>
    <message>
        <source>数据库(&amp;D)</source>
        <translation>&amp;Database</translation>
    </message>
    <message>
        <source>办公室服务器(&amp;O)…</source>
        <translation>&amp;Office Server…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>使用说明(&amp;U)</source>
        <translation>&amp;User Guide</translation>
    </message>
    <message>
        <source>导出诊断信息(&amp;D)…</source>
        <translation>Export &amp;Diagnostics…</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open Log Folder</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>导出诊断信息</source>
        <translation>Export Diagnostics</translation>
    </message>
    <message>
        <source>Zip 压缩文件 (*.zip)</source>
        <translation>Zip archive (*.zip)</translation>
    </message>
    <message>
        <source>已导出诊断信息</source>
        <translation>Diagnostics exported</translation>
    </message>
    <message>
        <source>%1（不含密码），可发给技术支持。</source>
        <translation>%1 (no passwords in it): send it to support.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 条未读回复</source>
        <translation>
            <numerusform>%Ln unread reply</numerusform>
            <numerusform>%Ln unread replies</numerusform>
        </translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot Open the Data</translation>
    </message>
    <message>
        <source>办公室服务器需要密码</source>
        <translation>The office server needs a password</translation>
    </message>
    <message>
        <source>可以输入密码再连接（密码只保存在这台电脑的系统密码库中），也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</source>
        <translation>You can enter the password and connect (it is kept only in this PC&apos;s system keyring), or use this PC&apos;s own data for now (on this PC only, separate from the office server&apos;s data).</translation>
    </message>
    <message>
        <source>输入密码(&amp;P)…</source>
        <translation>Enter &amp;password…</translation>
    </message>
    <message>
        <source>办公室服务器密码</source>
        <translation>Office server password</translation>
    </message>
    <message>
        <source>用户 %1 在办公室服务器 %2 上的密码：</source>
        <translation>Password of user %1 on the office server %2:</translation>
    </message>
    <message>
        <source>没有输入密码。</source>
        <translation>No password was entered.</translation>
    </message>
    <message>
        <source>无法连接办公室服务器</source>
        <translation>Cannot Reach the Office Server</translation>
    </message>
    <message>
        <source>无法连接办公室服务器 %1。

服务器可能没有开机，或者网络断开了。可以重试，也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</source>
        <translation>Cannot reach the office server %1.

The server may be switched off, or the network may be down. Try again, or use this PC&apos;s own data for now (kept on this PC only, apart from the office server&apos;s data).</translation>
    </message>
    <message>
        <source>重试(&amp;R)</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>使用本机数据(&amp;L)</source>
        <translation>Use This PC&apos;s &amp;Data</translation>
    </message>
    <message>
        <source>办公室服务器：%1</source>
        <translation>Office server: %1</translation>
    </message>
    <message>
        <source>数据保存在办公室服务器上，与其他电脑共用：%1</source>
        <translation>The data is kept on the office server, shared with the other PCs: %1</translation>
    </message>
    <message>
        <source>本机数据</source>
        <translation>This PC&apos;s data</translation>
    </message>
    <message>
        <source>正在使用本机数据（未连接办公室服务器）</source>
        <translation>Using this PC&apos;s own data (not the office server)</translation>
    </message>
    <message>
        <source>确认退出</source>
        <translation>Confirm Exit</translation>
    </message>
    <message>
        <source>暂停并退出</source>
        <translation>Pause and Exit</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>短信内容</source>
        <translation>Message text</translation>
    </message>
    <message>
        <source>在此输入短信内容。可用 {姓名} 等占位符，从文件的列中取值。</source>
        <translation>Type the message here. {name} or {姓名} is replaced by each contact&apos;s name, {phone} by the number; any other column of the file works the same way: its header in braces.</translation>
    </message>
    <message>
        <source>字数与条数</source>
        <translation>Characters and messages</translation>
    </message>
    <message>
        <source>插入占位符</source>
        <translation>Insert placeholder</translation>
    </message>
    <message>
        <source>网关敏感词检查</source>
        <translation>Gateway word check</translation>
    </message>
    <message>
        <source>请网关检查敏感词</source>
        <translation>Ask the gateway to check for sensitive words</translation>
    </message>
    <message>
        <source>改用 UTF-8 发送</source>
        <translation>Send as UTF-8</translation>
    </message>
    <message>
        <source>将该账户改为 UTF-8 编码发送</source>
        <translation>Switch this account to UTF-8</translation>
    </message>
    <message>
        <source>前几条短信预览</source>
        <translation>Preview of the first messages</translation>
    </message>
    <message>
        <source>这里显示前几位收件人将收到的短信。</source>
        <translation>The messages the first recipients will receive are shown here.</translation>
    </message>
    <message>
        <source>预览：</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>网关检查：未发现敏感词。</source>
        <translation>Gateway check: no sensitive words found.</translation>
    </message>
    <message>
        <source>网关检查发现敏感词：</source>
        <translation>The gateway found sensitive words: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>网关检查：内容含有敏感词（网关未列出是哪些）。</source>
        <translation>Gateway check: the text contains sensitive words (the gateway did not say which).</translation>
    </message>
    <message>
        <source>还没有账户：请在“设置 → 账户…”中添加。</source>
        <translation>No account yet: add one under Settings → Accounts…</translation>
    </message>
    <message>
        <source>请先选择账户。</source>
        <translation>Please choose an account first.</translation>
    </message>
    <message numerus="yes">
        <source>%1 字（含签名 %2 字）</source>
        <translation>
            <numerusform>%1 character (signature %2)</numerusform>
            <numerusform>%1 characters (signature %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · 每条计 %1 条</source>
        <translation>
            <numerusform> · %1 message each</numerusform>
            <numerusform> · %1 messages each</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln 个号码</source>
        <translation>
            <numerusform> · %Ln number</numerusform>
            <numerusform> · %Ln numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 条</source>
        <translation>
            <numerusform>, %Ln message</numerusform>
            <numerusform>, %Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，请求 %Ln 次</source>
        <translation>
            <numerusform>, %Ln request</numerusform>
            <numerusform>, %Ln requests</numerusform>
        </translation>
    </message>
    <message>
        <source> · 后付费账户</source>
        <translation> · postpaid account</translation>
    </message>
    <message numerus="yes">
        <source> · 预计费用 %Ln 条</source>
        <translation>
            <numerusform> · estimated cost %Ln message</numerusform>
            <numerusform> · estimated cost %Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> / 余额 %1 条</source>
        <translation>
            <numerusform> / balance %1</numerusform>
            <numerusform> / balance %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>没有这一列：%1（可用：%2）</source>
        <translation>
            <numerusform>No such column: %1 (available: %2)</numerusform>
            <numerusform>No such columns: %1 (available: %2)</numerusform>
        </translation>
    </message>
    <message>
        <source> · 上限 %1 字</source>
        <translation> · limit %1 characters</translation>
    </message>
    <message>
        <source>（余额不足）</source>
        <translation> (balance too low)</translation>
    </message>
    <message>
        <source>该账户的编码（%1）无法发送这些字符：%2</source>
        <translation>This account&apos;s encoding (%1) cannot carry these characters: %2</translation>
    </message>
    <message>
        <source>内容含有本地敏感词：</source>
        <translation>The text contains local sensitive words: </translation>
    </message>
    <message>
        <source>内容超过该账户上限 %1 字，无法发送。</source>
        <translation>The text exceeds this account&apos;s limit of %1 characters and cannot be sent.</translation>
    </message>
</context>
<context>
    <name>OfficeStoreDialog</name>
    <message>
        <source>办公室服务器</source>
        <translation>Office Server</translation>
    </message>
    <message>
        <source>数据保存在</source>
        <translation>Where the data is kept</translation>
    </message>
    <message>
        <source>本机（这台电脑上的数据文件）</source>
        <translation>This PC (a data file on this computer)</translation>
    </message>
    <message>
        <source>办公室服务器（PostgreSQL，多台电脑共用）</source>
        <translation>The office server (PostgreSQL, shared by several PCs)</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>服务器地址（主机名或 IP）</source>
        <translation>Server address (host name or IP)</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>密码保存在本机的系统密码库中，不会写入数据库或设置文件。</source>
        <translation>The password is kept in this PC&apos;s system keyring, never in the database or a settings file.</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <source>连接服务器并登录，不做任何修改</source>
        <translation>Connect to the server and log in, changing nothing</translation>
    </message>
    <message>
        <source>保存后，下次启动本程序时生效。</source>
        <translation>Once saved, it is used the next time the program starts.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存数据库选择</source>
        <translation>Save the database choice</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已保存（不修改请留空）</source>
        <translation>Saved (leave empty to keep it)</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>已保存。下次启动本程序时使用本机数据。</source>
        <translation>Saved. The next time the program starts, it uses this PC&apos;s own data.</translation>
    </message>
    <message>
        <source>已保存。下次启动本程序时使用办公室服务器 %1。</source>
        <translation>Saved. The next time the program starts, it uses the office server %1.</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>操作失败，发生了意外错误。详细信息已写入日志文件。</source>
        <translation>The operation failed with an unexpected error. The details were written to the log file.</translation>
    </message>
</context>
<context>
    <name>PasswordAsker</name>
    <message>
        <source>输入账户密码</source>
        <translation>Enter the account&apos;s password</translation>
    </message>
    <message>
        <source>本机的密码库中没有账户“%1”的密码。
网关密码不保存在数据库中，每台电脑各自保存在系统密码库里；在这台电脑上输入一次即可。</source>
        <translation>This PC&apos;s keyring holds no password for account “%1”.
Gateway passwords are not kept in the database: each PC keeps them in its own keyring. Enter it once on this PC.</translation>
    </message>
    <message>
        <source>本机的密码库中没有账户“%1”的%2，请输入一次：</source>
        <translation>This PC&apos;s keyring holds no %2 for account “%1”. Enter it once:</translation>
    </message>
    <message>
        <source>密码已保存</source>
        <translation>Password saved</translation>
    </message>
    <message>
        <source>账户“%1”的密码已保存在本机的密码库中。</source>
        <translation>The password of account “%1” is saved in this PC&apos;s keyring.</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>第 %1 步：正在导入</source>
        <translation>Step %1: Importing</translation>
    </message>
    <message>
        <source>取消导入会撤销已读入的全部数据。</source>
        <translation>Cancelling the import undoes everything read so far.</translation>
    </message>
    <message>
        <source>导入进度</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel Import</translation>
    </message>
    <message>
        <source>取消导入（已读入的数据全部撤销）</source>
        <translation>Cancel the import (everything read so far is undone)</translation>
    </message>
    <message>
        <source>正在导入到分组“%1”…</source>
        <translation>Importing into group “%1”…</translation>
    </message>
    <message numerus="yes">
        <source>已处理 %1 行…</source>
        <translation>
            <numerusform>%1 row processed…</numerusform>
            <numerusform>%1 rows processed…</numerusform>
        </translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消：没有导入任何数据。</source>
        <translation>Cancelled: nothing was imported.</translation>
    </message>
    <message>
        <source>导入失败，没有导入任何数据：</source>
        <translation>The import failed and nothing was imported: </translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>发送进度</source>
        <translation>Send progress</translation>
    </message>
    <message>
        <source>没有正在进行的发送。</source>
        <translation>No send is running.</translation>
    </message>
    <message>
        <source>重试与切换备用账户的提示</source>
        <translation>Retry and backup-account notices</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>暂停发送</source>
        <translation>Pause the send</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>继续发送</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>取消发送</source>
        <translation>Cancel Send</translation>
    </message>
    <message>
        <source>取消发送，未发出的号码不再发送</source>
        <translation>Cancel the send; numbers not yet sent are not sent</translation>
    </message>
    <message>
        <source>任务 %1：正在发送…</source>
        <translation>Job %1: sending…</translation>
    </message>
    <message>
        <source>正在暂停…（等待发送中的批次完成）</source>
        <translation>Pausing… (waiting for the batch in flight)</translation>
    </message>
    <message>
        <source>正在取消…（等待发送中的批次完成）</source>
        <translation>Cancelling… (waiting for the batch in flight)</translation>
    </message>
    <message>
        <source>网络问题，正在重试：</source>
        <translation>Network problem, retrying: </translation>
    </message>
    <message>
        <source>主账户无法发送，已切换到备用账户 %1。</source>
        <translation>The main account cannot send; switched to the backup account %1.</translation>
    </message>
    <message>
        <source>任务 %1：已暂停。按“继续”接着发送。</source>
        <translation>Job %1: paused. Press “Resume” to continue.</translation>
    </message>
    <message>
        <source>任务 %1：已取消，未发出的号码不再发送。</source>
        <translation>Job %1: cancelled; numbers not yet sent will not be sent.</translation>
    </message>
    <message>
        <source>任务 %1：发送中断，可在“发送记录”中继续。</source>
        <translation>Job %1: interrupted; you can resume it in “History”.</translation>
    </message>
    <message>
        <source>任务 %1：定时任务已保存在本机。</source>
        <translation>Job %1: the scheduled job is held on this PC.</translation>
    </message>
    <message>
        <source>任务 %1：已交给网关定时发送。</source>
        <translation>Job %1: handed to the gateway for its scheduled send.</translation>
    </message>
    <message>
        <source>任务 %1：</source>
        <translation>Job %1: </translation>
    </message>
    <message>
        <source>任务 %1：不在营销时段，其余号码将于 %2 继续发送。</source>
        <translation>Job %1: outside the marketing window; the rest goes on at %2.</translation>
    </message>
    <message>
        <source>发送出错：</source>
        <translation>Send error: </translation>
    </message>
    <message>
        <source>任务 %1 正在发送（已完成 %2）。退出前会先暂停，之后可在“发送记录”中继续。</source>
        <translation>Job %1 is sending (%2 done). It is paused before exiting; you can resume it later in “History”.</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>出错了</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>网关原文：</source>
        <translation>Gateway&apos;s reply: </translation>
    </message>
</context>
<context>
    <name>PushAccountBox</name>
    <message>
        <source>接收该账户的推送（状态报告和回复）</source>
        <translation>Receive this account&apos;s pushes (delivery reports and replies)</translation>
    </message>
    <message>
        <source>启用推送接收</source>
        <translation>Enable push receiver</translation>
    </message>
    <message>
        <source>监听地址</source>
        <translation>Listen address</translation>
    </message>
    <message>
        <source>0.0.0.0：所有网卡（网关需能从外网访问，通常要做端口映射）</source>
        <translation>0.0.0.0: all network interfaces (the gateway must reach it from the internet, usually through port forwarding)</translation>
    </message>
    <message>
        <source>监听端口</source>
        <translation>Listen port</translation>
    </message>
    <message>
        <source>推送路径口令</source>
        <translation>Push path token</translation>
    </message>
    <message>
        <source>8–128 个字母、数字、- 或 _（建议设置）</source>
        <translation>8–128 letters, digits, - or _ (recommended)</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>生成一个新的路径口令</source>
        <translation>Generate a new path token</translation>
    </message>
    <message>
        <source>填到网关后台的推送地址</source>
        <translation>The push URL to enter in the gateway&apos;s console</translation>
    </message>
    <message>
        <source>监听地址：</source>
        <translation>Listen address:</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>路径口令：</source>
        <translation>Path token:</translation>
    </message>
    <message>
        <source>推送地址：</source>
        <translation>Push URL:</translation>
    </message>
    <message>
        <source>正在接收推送。把上面的地址填到网关后台。</source>
        <translation>Receiving pushes. Enter the URL above in the gateway&apos;s console.</translation>
    </message>
    <message>
        <source>推送由发送服务接收（主机 %1），保存后它使用新的设置。</source>
        <translation>The sender service (host %1) receives the pushes; it uses the new settings once they are saved.</translation>
    </message>
    <message>
        <source>给网关的推送地址应是该主机的地址，不是本机的。</source>
        <translation>The push URL given to the vendor must name that host, not this PC.</translation>
    </message>
    <message>
        <source>这是本机在局域网中的地址；网关在外网时，请填本机的外网地址，并在路由器上把端口映射到本机。</source>
        <translation>This is the PC&apos;s address on the local network; when the gateway is on the internet, give it the public address instead and forward the port to this PC on the router.</translation>
    </message>
    <message>
        <source>保存后开始接收。</source>
        <translation>Receiving starts once saved.</translation>
    </message>
    <message>
        <source>未启用：该账户的状态报告和回复不会到达本机。</source>
        <translation>Off: this account&apos;s delivery reports and replies will not reach this PC.</translation>
    </message>
</context>
<context>
    <name>PushDialog</name>
    <message>
        <source>推送接收</source>
        <translation>Push Receiver</translation>
    </message>
    <message>
        <source>企信通（qxt）网关把状态报告和回复推送到本机的一个网址。在这里为账户启用接收，并把显示的推送地址填到网关后台。程序运行时才能接收。</source>
        <translation>The qxt gateway pushes delivery reports and replies to a URL on this PC. Enable receiving for an account here, and enter the push URL shown in the gateway&apos;s console. Pushes are received only while the program runs.</translation>
    </message>
    <message>
        <source>正在读取账户…</source>
        <translation>Loading accounts…</translation>
    </message>
    <message>
        <source>保存并应用</source>
        <translation>Save and Apply</translation>
    </message>
    <message>
        <source>没有支持推送的账户（目前只有企信通 qxt 推送）。</source>
        <translation>No account supports push (only qxt pushes for now).</translation>
    </message>
</context>
<context>
    <name>PushReceivers</name>
    <message>
        <source>推送接收未启动</source>
        <translation>Push receiver not started</translation>
    </message>
</context>
<context>
    <name>RecipientListDialog</name>
    <message numerus="yes">
        <source>共 %1 个，只列出前 %2 个。</source>
        <translation>
            <numerusform>%1 in all; only the first %2 are listed.</numerusform>
            <numerusform>%1 in all; only the first %2 are listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Recipients</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>网关代码</source>
        <translation>Gateway code</translation>
    </message>
    <message>
        <source>网关原文</source>
        <translation>Gateway&apos;s reply</translation>
    </message>
    <message>
        <source>报告代码</source>
        <translation>Report code</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Report time</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>发送账户</source>
        <translation>Sending account</translation>
    </message>
    <message>
        <source>网关编号</source>
        <translation>Gateway ID</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
</context>
<context>
    <name>RecipientsPanel</name>
    <message>
        <source>接收号码</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>粘贴手机号码：每行一个，或用逗号、分号、空格分隔；可带 +86。</source>
        <translation>Paste mobile numbers: one per line, or separated by commas, semicolons or spaces; +86 is allowed.</translation>
    </message>
    <message>
        <source>从表格文件导入…</source>
        <translation>Import from Spreadsheet…</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 文件读取号码</source>
        <translation>Read the numbers from an Excel or CSV file</translation>
    </message>
    <message>
        <source>移除文件</source>
        <translation>Remove File</translation>
    </message>
    <message>
        <source>不再使用已导入的文件</source>
        <translation>Stop using the imported file</translation>
    </message>
    <message>
        <source>未选择文件</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>接收号码：</source>
        <translation>Recipients:</translation>
    </message>
    <message>
        <source>正在粘贴…</source>
        <translation>Pasting…</translation>
    </message>
    <message>
        <source>移除这些联系人</source>
        <translation>Remove these contacts</translation>
    </message>
    <message numerus="yes">
        <source>通讯录：%1（%2 人）</source>
        <translation>
            <numerusform>Contacts: %1 (%2 person)</numerusform>
            <numerusform>Contacts: %1 (%2 people)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>文件：%1（%2 行，号码列“%3”）</source>
        <translation>
            <numerusform>File: %1 (%2 row, number column “%3”)</numerusform>
            <numerusform>File: %1 (%2 rows, number column “%3”)</numerusform>
        </translation>
    </message>
    <message>
        <source>；可用占位符：</source>
        <translation>; placeholders: </translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message numerus="yes">
        <source>有效 %Ln</source>
        <translation>
            <numerusform>%Ln valid</numerusform>
            <numerusform>%Ln valid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>无效 %Ln</source>
        <translation>
            <numerusform>%Ln invalid</numerusform>
            <numerusform>%Ln invalid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重复 %Ln</source>
        <translation>
            <numerusform>%Ln duplicate</numerusform>
            <numerusform>%Ln duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>黑名单 %Ln</source>
        <translation>
            <numerusform>%Ln blacklisted</numerusform>
            <numerusform>%Ln blacklisted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>缺少字段 %Ln</source>
        <translation>
            <numerusform>%Ln missing a field</numerusform>
            <numerusform>%Ln missing a field</numerusform>
        </translation>
    </message>
    <message>
        <source>查看有效号码</source>
        <translation>Show the valid numbers</translation>
    </message>
    <message>
        <source>查看无效号码</source>
        <translation>Show the invalid numbers</translation>
    </message>
    <message>
        <source>查看重复号码</source>
        <translation>Show the duplicate numbers</translation>
    </message>
    <message>
        <source>查看黑名单中的号码</source>
        <translation>Show the blacklisted numbers</translation>
    </message>
    <message>
        <source>查看缺少字段的行</source>
        <translation>Show the rows with missing fields</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <source>未有报告</source>
        <translation>No report yet</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>Unknown outcome</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message numerus="yes">
        <source>%1：%2 个号码（占全部 %3）</source>
        <translation>
            <numerusform>%1: %2 recipient (%3 of all)</numerusform>
            <numerusform>%1: %2 recipients (%3 of all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1：%2 个号码（占未送达 %3）</source>
        <translation>
            <numerusform>%1: %2 recipient (%3 of the undelivered)</numerusform>
            <numerusform>%1: %2 recipients (%3 of the undelivered)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>其他 %n 种</source>
        <translation>
            <numerusform>%n other</numerusform>
            <numerusform>%n others</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 小时内</source>
        <translation>
            <numerusform>within %n h</numerusform>
            <numerusform>within %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟内</source>
        <translation>
            <numerusform>within %n min</numerusform>
            <numerusform>within %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>发送后%1收到状态报告：%2 个号码（占网关已接收 %3）</source>
        <translation>
            <numerusform>Delivery report %1 of the send: %2 recipient (%3 of those accepted)</numerusform>
            <numerusform>Delivery report %1 of the send: %2 recipients (%3 of those accepted)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1：发出 %2，送达率 %3</source>
        <translation>%1: %2 sent, delivery rate %3</translation>
    </message>
    <message>
        <source>共 %1 个号码</source>
        <translation>%1 recipients in all</translation>
    </message>
    <message>
        <source>占网关已接收的 %1 个号码；已收到报告 %2 个。</source>
        <translation>Of the %1 recipients the gateway accepted; %2 delivery reports received.</translation>
    </message>
    <message>
        <source>发出最多的 %1 个省份（号段归属），共 %2 个。</source>
        <translation>The %1 provinces sent to most (number block), of %2.</translation>
    </message>
    <message>
        <source>各状态号码数</source>
        <translation>Recipients by state</translation>
    </message>
    <message>
        <source>各省份送达率（前 10 个，号段归属）</source>
        <translation>Delivery rate by province (top 10, number block)</translation>
    </message>
    <message>
        <source>各运营商送达率（号段归属）</source>
        <translation>Delivery rate by carrier (number block)</translation>
    </message>
    <message>
        <source>已发出 %1 · 已送达 %2（%3）· 未送达 %4 · 未有报告 %5</source>
        <translation>Sent %1 · delivered %2 (%3) · not delivered %4 · no report yet %5</translation>
    </message>
    <message>
        <source>按号段的原始分配：携号转网的号码可能已属于其他运营商。每行右侧：送达率 · 发出数。</source>
        <translation>By the block&apos;s original allocation: a ported number may now be with another carrier. At the right: delivery rate · sent.</translation>
    </message>
    <message>
        <source>未送达共 %1 个号码</source>
        <translation>%1 recipients not delivered in all</translation>
    </message>
    <message>
        <source>未送达原因（状态报告代码）</source>
        <translation>Why not delivered (delivery report codes)</translation>
    </message>
    <message>
        <source>没有未送达的号码。</source>
        <translation>No recipient was reported not delivered.</translation>
    </message>
    <message>
        <source>状态报告到达时间（发送后）</source>
        <translation>Delivery reports received (after the send)</translation>
    </message>
    <message>
        <source>网关还没有接收任何号码。</source>
        <translation>The gateway has not accepted any recipient yet.</translation>
    </message>
    <message>
        <source>还没有发出的号码。</source>
        <translation>Nothing sent yet.</translation>
    </message>
    <message>
        <source>这个任务没有号码。</source>
        <translation>This job has no recipients.</translation>
    </message>
    <message>
        <source>（未说明）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>第 %1 步：导入结果</source>
        <translation>Step %1: Import Report</translation>
    </message>
    <message>
        <source>导入已结束：下面是各项数量，以及没有导入的行和原因。</source>
        <translation>The import has ended: the counts are below, with the rows not imported and why.</translation>
    </message>
    <message>
        <source>未导入的行及原因</source>
        <translation>Rows not imported and why</translation>
    </message>
    <message>
        <source>导出结果（Excel）…</source>
        <translation>Export Report (Excel)…</translation>
    </message>
    <message>
        <source>把导入结果导出为 Excel 文件</source>
        <translation>Export the import report to an Excel file</translation>
    </message>
    <message>
        <source>点“完成”后，通讯录显示这个分组。</source>
        <translation>After “Finish”, Contacts shows this group.</translation>
    </message>
    <message>
        <source>未导入的行（Excel 行号和原因）：</source>
        <translation>Rows not imported (Excel row number and reason):</translation>
    </message>
    <message numerus="yes">
        <source>分组“%1”：读取 %2 行，用时 %3 秒。</source>
        <translation>
            <numerusform>Group “%1”: %2 row read in %3 s.</numerusform>
            <numerusform>Group “%1”: %2 rows read in %3 s.</numerusform>
        </translation>
    </message>
    <message>
        <source>导出导入结果</source>
        <translation>Export Import Report</translation>
    </message>
    <message>
        <source>导入结果-%1.xlsx</source>
        <translation>Import report - %1.xlsx</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>导入结果已保存到 %1</source>
        <translation>The import report was saved to %1</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>编辑自动化规则</source>
        <translation>Edit automation rule</translation>
    </message>
    <message>
        <source>新建自动化规则</source>
        <translation>New automation rule</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>发送账户</source>
        <translation>Sending account</translation>
    </message>
    <message>
        <source>短信类型</source>
        <translation>Message kind</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>短信模板</source>
        <translation>Message template</translation>
    </message>
    <message>
        <source>短信内容</source>
        <translation>Message text</translation>
    </message>
    <message>
        <source>短信内容，可用 {列名}，例如：{姓名}，生日快乐！</source>
        <translation>The text, with {column} placeholders, e.g. Happy birthday, {姓名}!</translation>
    </message>
    <message>
        <source>联系人分组</source>
        <translation>Contact group</translation>
    </message>
    <message>
        <source>筛选：每次运行时按此搜索</source>
        <translation>Filter: searched at each run</translation>
    </message>
    <message>
        <source>可选：只发给匹配的联系人（每次运行时筛选）</source>
        <translation>Optional: only the contacts matching it (filtered at each run)</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>工作日（周一至周五）</source>
        <translation>Weekdays (Mon-Fri)</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>按日期字段（生日、到期日）</source>
        <translation>By a date column (birthday, expiry)</translation>
    </message>
    <message>
        <source>星期几</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>每月的哪一天</source>
        <translation>Day of the month</translation>
    </message>
    <message>
        <source>1 日</source>
        <translation>1st</translation>
    </message>
    <message>
        <source>15 日</source>
        <translation>15th</translation>
    </message>
    <message>
        <source>月末</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>发送时间（北京时间）</source>
        <translation>Send time (Beijing time)</translation>
    </message>
    <message>
        <source>截止到</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>日期列</source>
        <translation>Date column</translation>
    </message>
    <message>
        <source>分组中的日期列，如 生日、到期日</source>
        <translation>The group&apos;s date column, e.g. 生日 or 到期日</translation>
    </message>
    <message>
        <source>按什么匹配日期</source>
        <translation>How dates match</translation>
    </message>
    <message>
        <source>按月日（每年，如生日）</source>
        <translation>Month and day (yearly, e.g. birthdays)</translation>
    </message>
    <message>
        <source>按完整日期（如合同到期）</source>
        <translation>Full date (e.g. contract end)</translation>
    </message>
    <message>
        <source>提前天数</source>
        <translation>Days before</translation>
    </message>
    <message>
        <source> 天（0：当天）</source>
        <translation> day(s) (0: on the day)</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>筛选：</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>周期：</source>
        <translation>Schedule:</translation>
    </message>
    <message>
        <source>星期：</source>
        <translation>Weekday:</translation>
    </message>
    <message>
        <source>每月：</source>
        <translation>Monthly on:</translation>
    </message>
    <message>
        <source>时间（北京时间）：</source>
        <translation>Time (Beijing):</translation>
    </message>
    <message>
        <source>截止：</source>
        <translation>Ends:</translation>
    </message>
    <message>
        <source>日期列：</source>
        <translation>Date column:</translation>
    </message>
    <message>
        <source>匹配：</source>
        <translation>Match:</translation>
    </message>
    <message>
        <source>提前：</source>
        <translation>Before:</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>点“预览”查看接下来的运行时间和收件人（按日期发送：未来 7 天）。</source>
        <translation>Click Preview for the next runs and their recipients (date sends: the next 7 days).</translation>
    </message>
    <message>
        <source>预览接下来的运行和收件人</source>
        <translation>Preview the next runs and their recipients</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>全部分组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>（不用模板，直接填写内容）</source>
        <translation>(no template: type the text)</translation>
    </message>
    <message>
        <source>无法识别的日期（不发送）：%1 个</source>
        <translation>Unreadable dates (not sent): %1</translation>
    </message>
</context>
<context>
    <name>RulesSection</name>
    <message>
        <source>自动化规则</source>
        <translation>Automation rules</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>新建自动化规则</source>
        <translation>New automation rule</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑所选规则</source>
        <translation>Edit the selected rule</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>暂停或启用所选规则</source>
        <translation>Pause or resume the selected rule</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除所选规则</source>
        <translation>Delete the selected rule</translation>
    </message>
    <message>
        <source>错过的运行…</source>
        <translation>Missed runs…</translation>
    </message>
    <message>
        <source>处理错过的运行：现在发送或跳过</source>
        <translation>Handle the missed runs: send now or skip</translation>
    </message>
    <message>
        <source>规则在本程序运行时（包括最小化到托盘）或发送服务运行时执行；错过的运行不会自动补发。</source>
        <translation>Rules run while this application runs (minimised to the tray too) or the sender service does; a missed run is never sent late on its own.</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>自动化</source>
        <translation>Automation</translation>
    </message>
    <message>
        <source>规则已保存：%1</source>
        <translation>Rule saved: %1</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <source>删除自动化规则“%1”？已发出的任务仍保留在发送记录中。</source>
        <translation>Delete the automation rule “%1”? The jobs it sent stay in the send records.</translation>
    </message>
</context>
<context>
    <name>Scheduler</name>
    <message>
        <source>%1 需等待 %2 秒（网关限制）。</source>
        <translation>%1 must wait %2 s (gateway limit).</translation>
    </message>
    <message>
        <source>任务 %1 到时间了，正在发送。</source>
        <translation>Job %1 is due and being sent.</translation>
    </message>
    <message>
        <source>同步出错</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <source>同步完成</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <source>后台同步失败</source>
        <translation>Background sync failed</translation>
    </message>
    <message>
        <source>定时任务已发出</source>
        <translation>Scheduled job released</translation>
    </message>
    <message>
        <source>定时任务正在发送。退出将在当前批次结束后暂停发送，下次启动后可继续。</source>
        <translation>A scheduled job is sending. Quitting pauses it after the current batch; you can resume it at the next start.</translation>
    </message>
    <message numerus="yes">
        <source>新回复 %Ln 条，</source>
        <translation>
            <numerusform>%Ln new reply, </numerusform>
            <numerusform>%Ln new replies, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>状态报告 %Ln 条。</source>
        <translation>
            <numerusform>%Ln delivery report.</numerusform>
            <numerusform>%Ln delivery reports.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个账户同步出错，详见收件箱。</source>
        <translation>
            <numerusform>Sync failed for %Ln account; see the Inbox.</numerusform>
            <numerusform>Sync failed for %Ln accounts; see the Inbox.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>演示客户</source>
        <translation>Demo customers</translation>
    </message>
    <message>
        <source>客户投诉</source>
        <translation>Customer complaint</translation>
    </message>
    <message>
        <source>会员日</source>
        <translation>Member day</translation>
    </message>
    <message>
        <source>{姓名}您好，本周六会员日全场八折，详询门店。回T退订</source>
        <translation>Dear {姓名}, members get 20% off everything this Saturday. Reply T to opt out</translation>
    </message>
    <message>
        <source>促销</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <source>到货提醒</source>
        <translation>Order arrived</translation>
    </message>
    <message>
        <source>{姓名}您好，您的订单已到货，取件码{取件码}，请于三日内领取。</source>
        <translation>Dear {姓名}, your order has arrived: pick-up code {取件码}, within three days.</translation>
    </message>
    <message>
        <source>物流</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>验证码</source>
        <translation>Verification code</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>【演示商城】双十二会员日，全场八折。回T退订</source>
        <translation>【Demo Shop】Members Day 12.12: 20% off everything. Reply T to opt out</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>自动获取状态报告和回复的间隔（秒）</source>
        <translation>Interval for fetching delivery reports and replies (seconds)</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>自动同步</source>
        <translation>Automatic sync</translation>
    </message>
    <message>
        <source>获取状态报告和回复的间隔：</source>
        <translation>Fetch delivery reports and replies every:</translation>
    </message>
    <message>
        <source>网关规定了最短间隔的，按网关的规定；主动推送的网关不需要定时获取。</source>
        <translation>Where a gateway sets a minimum interval, its minimum applies; gateways that push need no fetching.</translation>
    </message>
    <message>
        <source>本地敏感词，每行一个</source>
        <translation>Local sensitive words, one per line</translation>
    </message>
    <message>
        <source>每行一个词，例如：
发票
代开</source>
        <translation>One word per line, for example:
invoice
fake receipt</translation>
    </message>
    <message>
        <source>本地敏感词</source>
        <translation>Local sensitive words</translation>
    </message>
    <message>
        <source>发送前检查短信内容是否含有这些词（另外，支持的网关还会由网关自己检查）。</source>
        <translation>Before sending, the text is checked for these words (gateways that support it also check on their side).</translation>
    </message>
    <message>
        <source>密码保存方式：系统密码库。</source>
        <translation>Passwords are kept in: the system keyring.</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>把数据库备份到一个文件（不含密码）</source>
        <translation>Back the database up to a file (passwords are not included)</translation>
    </message>
    <message>
        <source>整理</source>
        <translation>Compact</translation>
    </message>
    <message>
        <source>整理数据库，收回删除后留下的空间（发送中不能整理）</source>
        <translation>Compact the database to reclaim the space left by deletions (not while sending)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存选项</source>
        <translation>Save the options</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>数据库备份 (*.sqlite3)</source>
        <translation>Database backup (*.sqlite3)</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup complete</translation>
    </message>
    <message>
        <source>数据库已备份到 %1（%2 MB）。密码不在备份中。</source>
        <translation>The database was backed up to %1 (%2 MB). Passwords are not in the backup.</translation>
    </message>
    <message>
        <source>整理完成</source>
        <translation>Compacting complete</translation>
    </message>
    <message>
        <source>数据库已整理：%1 MB → %2 MB。</source>
        <translation>Database compacted: %1 MB → %2 MB.</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>第 %1 步：选择工作表</source>
        <translation>Step %1: Choose a Sheet</translation>
    </message>
    <message>
        <source>这个工作簿有多个工作表，选择联系人所在的那一个。</source>
        <translation>This workbook has several sheets: choose the one that holds the contacts.</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message numerus="yes">
        <source>列：%1；约 %2 行</source>
        <translation>
            <numerusform>Columns: %1; about %2 row</numerusform>
            <numerusform>Columns: %1; about %2 rows</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message numerus="yes">
        <source>上次退出时任务 %1 没有发送完：%2 个号码待发送，%3 个结果未知（可能已经发出）。</source>
        <translation>
            <numerusform>Job %1 was not finished when the program last closed: %2 number pending, %3 with an unknown outcome (possibly already sent).</numerusform>
            <numerusform>Job %1 was not finished when the program last closed: %2 numbers pending, %3 with an unknown outcome (possibly already sent).</numerusform>
        </translation>
    </message>
    <message>
        <source>不发送（取消任务）</source>
        <translation>Don&apos;t Send (Cancel Job)</translation>
    </message>
    <message>
        <source>以后也可以在“发送记录”中处理。</source>
        <translation>You can also deal with it later in “History”.</translation>
    </message>
    <message>
        <source>任务 %1 原定于 %2 发送，当时程序没有运行。现在发送吗？</source>
        <translation>Job %1 was scheduled for %2, when the program was not running. Send it now?</translation>
    </message>
    <message>
        <source>定时任务已过时间</source>
        <translation>Scheduled job overdue</translation>
    </message>
    <message>
        <source>密码保存方式</source>
        <translation>Password Storage</translation>
    </message>
    <message>
        <source>暂不处理</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>有任务被中断</source>
        <translation>Interrupted jobs</translation>
    </message>
    <message>
        <source>现在发送(&amp;S)</source>
        <translation>&amp;Send Now</translation>
    </message>
    <message>
        <source>继续发送（不重发结果未知的）(&amp;S)</source>
        <translation>Re&amp;sume (without resending unknown)</translation>
    </message>
    <message>
        <source>继续并重发结果未知的号码(&amp;R)…</source>
        <translation>Resume and &amp;Resend Unknown…</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>待发送</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>网关已接收</source>
        <translation>Accepted by gateway</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>Unknown outcome</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>已交网关定时</source>
        <translation>Scheduled at gateway</translation>
    </message>
    <message>
        <source>本机定时</source>
        <translation>Held locally</translation>
    </message>
    <message>
        <source>逾期待确认</source>
        <translation>Overdue, to confirm</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>已中断</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>全部已提交</source>
        <translation>All accepted</translation>
    </message>
    <message>
        <source>部分成功</source>
        <translation>Partly sent</translation>
    </message>
    <message>
        <source>已提交，部分未送达</source>
        <translation>Accepted, some undelivered</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>未发完</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <source>已提交，网关定时发送</source>
        <translation>Accepted, held by gateway</translation>
    </message>
    <message>
        <source>号码无效</source>
        <translation>Invalid number</translation>
    </message>
    <message>
        <source>重复号码</source>
        <translation>Duplicate number</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>任务已取消</source>
        <translation>Job cancelled</translation>
    </message>
    <message>
        <source>频次限制</source>
        <translation>frequency cap</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>测试发送</source>
        <translation>test send</translation>
    </message>
    <message>
        <source>等待营销时段</source>
        <translation>Awaiting the window</translation>
    </message>
    <message>
        <source>sms.aspx（ipyy 类平台）</source>
        <translation>sms.aspx (ipyy-type platforms)</translation>
    </message>
    <message>
        <source>迅辰 jsm（httpInterface.do）</source>
        <translation>Xunchen jsm (httpInterface.do)</translation>
    </message>
    <message>
        <source>qxt（smssenderv2）</source>
        <translation>qxt (smssenderv2)</translation>
    </message>
    <message>
        <source>企业短信通 112088（*.asp）</source>
        <translation>Enterprise SMS 112088 (*.asp)</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1：</source>
        <translation>%1: </translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>统计哪个账户</source>
        <translation>Which account to count</translation>
    </message>
    <message>
        <source>全部账户</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新统计近 30 天的发送</source>
        <translation>Count the last 30 days&apos; sends again</translation>
    </message>
    <message>
        <source>每天每个账户的发送、送达和计费条数</source>
        <translation>Sent, delivered and parts charged per day and account</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>Account:</translation>
    </message>
    <message numerus="yes">
        <source>%1 至 %2 合计：发出 %3，送达 %4（%5），计费 %6 条</source>
        <translation>
            <numerusform>%1 to %2 in all: %3 sent, %4 delivered (%5), %6 part charged</numerusform>
            <numerusform>%1 to %2 in all: %3 sent, %4 delivered (%5), %6 parts charged</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>第 %1 步：导入到哪个分组</source>
        <translation>Step %1: Target Group</translation>
    </message>
    <message>
        <source>选择或输入分组，以及分组中已有的号码如何处理。</source>
        <translation>Choose or type a group, and what happens to numbers already in it.</translation>
    </message>
    <message>
        <source>目标分组（可输入新分组名）</source>
        <translation>Target group (type a new name to create one)</translation>
    </message>
    <message>
        <source>分组中已有的号码：用文件中的姓名和字段更新</source>
        <translation>Numbers already in the group: update their name and fields from the file</translation>
    </message>
    <message>
        <source>重复号码更新</source>
        <translation>Update duplicates</translation>
    </message>
    <message>
        <source>分组中已有的号码：保持不变，跳过</source>
        <translation>Numbers already in the group: keep them unchanged, skip</translation>
    </message>
    <message>
        <source>重复号码跳过</source>
        <translation>Skip duplicates</translation>
    </message>
    <message>
        <source>文件内重复的号码只导入第一次出现的那一行；黑名单中的号码不会导入。</source>
        <translation>A number repeated in the file is imported from its first row only; blacklisted numbers are not imported.</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start Import</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>短信模板</source>
        <translation>Message template</translation>
    </message>
    <message>
        <source>选择一个保存的短信模板，填入短信内容</source>
        <translation>Pick a saved message template to fill in the text</translation>
    </message>
    <message>
        <source>（不使用模板）</source>
        <translation>(no template)</translation>
    </message>
    <message>
        <source>模板…</source>
        <translation>Templates…</translation>
    </message>
    <message>
        <source>查看和管理短信模板</source>
        <translation>View and manage the message templates</translation>
    </message>
    <message>
        <source>短信模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>通知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>Marketing</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>短信模板</source>
        <translation>Message Templates</translation>
    </message>
    <message>
        <source>短信模板列表</source>
        <translation>Message template list</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除选中的模板</source>
        <translation>Delete the selected template</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>Template name</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>例如：物流、促销</source>
        <translation>e.g. Delivery, Promotions</translation>
    </message>
    <message>
        <source>任务类型</source>
        <translation>Job kind</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>适用的账户类型</source>
        <translation>Account kind it is for</translation>
    </message>
    <message>
        <source>任意账户</source>
        <translation>Any account</translation>
    </message>
    <message>
        <source>模板内容</source>
        <translation>Template text</translation>
    </message>
    <message>
        <source>短信内容，可用 {列名}，例如：{姓名}您好，…</source>
        <translation>The text, with {column} placeholders, e.g. Dear {姓名}, …</translation>
    </message>
    <message>
        <source>网关模板编号</source>
        <translation>Gateway template ID</translation>
    </message>
    <message>
        <source>只用于支持模板短信的网关（jsm）</source>
        <translation>Only for gateways that send templates (jsm)</translation>
    </message>
    <message>
        <source>网关模板变量，每行一个</source>
        <translation>Gateway template values, one per line</translation>
    </message>
    <message>
        <source>每行一个，依次对应 @1@、@2@ …，可用 {列名}</source>
        <translation>One per line, for @1@, @2@ …; {column} placeholders allowed</translation>
    </message>
    <message>
        <source>保存模板</source>
        <translation>Save Template</translation>
    </message>
    <message>
        <source>保存这个模板</source>
        <translation>Save this template</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>分类：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>任务类型：</source>
        <translation>Job kind:</translation>
    </message>
    <message>
        <source>账户类型：</source>
        <translation>Account kind:</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>网关模板编号：</source>
        <translation>Gateway template ID:</translation>
    </message>
    <message>
        <source>网关模板变量：</source>
        <translation>Gateway template values:</translation>
    </message>
    <message>
        <source>用到的字段：</source>
        <translation>Fields used:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>Delete Template</translation>
    </message>
    <message>
        <source>删除模板“%1”？</source>
        <translation>Delete the template “%1”?</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>已暂停发送</source>
        <translation>Sends paused</translation>
    </message>
    <message>
        <source>显示窗口</source>
        <translation>Show Window</translation>
    </message>
    <message>
        <source>暂停所有发送</source>
        <translation>Pause All Sends</translation>
    </message>
    <message>
        <source>短信群发助手</source>
        <translation>SMS Desktop</translation>
    </message>
    <message>
        <source>程序仍在运行</source>
        <translation>Still running</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message numerus="yes">
        <source>有 %Ln 个定时任务等待发送，程序在系统托盘中继续运行；从托盘菜单退出。</source>
        <translation>
            <numerusform>%Ln scheduled job is waiting to be sent, so the program keeps running in the system tray; quit from the tray menu.</numerusform>
            <numerusform>%Ln scheduled jobs are waiting to be sent, so the program keeps running in the system tray; quit from the tray menu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个发送将在当前批次结束后暂停。</source>
        <translation>
            <numerusform>%Ln send will pause after its current batch.</numerusform>
            <numerusform>%Ln sends will pause after their current batch.</numerusform>
        </translation>
    </message>
</context>
</TS>
