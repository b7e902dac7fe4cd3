<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 短信群发助手</source>
        <translation>关于 短信群发助手</translation>
    </message>
    <message>
        <source>短信群发助手 SMS Desktop</source>
        <translation>短信群发助手 SMS Desktop</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>编辑账户</source>
        <translation>编辑账户</translation>
    </message>
    <message>
        <source>添加账户</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>账户名称</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>网关类型</source>
        <translation>网关类型</translation>
    </message>
    <message>
        <source>接口地址</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>企业ID</source>
        <translation>企业ID</translation>
    </message>
    <message>
        <source>通信认证密码</source>
        <translation>通信认证密码</translation>
    </message>
    <message>
        <source>短信签名</source>
        <translation>短信签名</translation>
    </message>
    <message>
        <source>例如：【某某公司】</source>
        <translation>例如：【某某公司】</translation>
    </message>
    <message>
        <source>扩展号</source>
        <translation>扩展号</translation>
    </message>
    <message>
        <source>不修改请留空（保留已保存的密码）</source>
        <translation>不修改请留空（保留已保存的密码）</translation>
    </message>
    <message>
        <source>不修改请留空</source>
        <translation>不修改请留空</translation>
    </message>
    <message>
        <source>字符集</source>
        <translation>字符集</translation>
    </message>
    <message>
        <source>密码加密方式</source>
        <translation>密码加密方式</translation>
    </message>
    <message>
        <source>按网关默认</source>
        <translation>按网关默认</translation>
    </message>
    <message>
        <source>不加密</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>MD5（小写）</source>
        <translation>MD5（小写）</translation>
    </message>
    <message>
        <source>MD5（大写）</source>
        <translation>MD5（大写）</translation>
    </message>
    <message>
        <source>每批号码数</source>
        <translation>每批号码数</translation>
    </message>
    <message>
        <source>每条最多字数</source>
        <translation>每条最多字数</translation>
    </message>
    <message>
        <source>连接超时</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>读取超时</source>
        <translation>读取超时</translation>
    </message>
    <message>
        <source>同时发送请求数</source>
        <translation>同时发送请求数</translation>
    </message>
    <message>
        <source>每秒最多请求数</source>
        <translation>每秒最多请求数</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>营销短信的发送时段，北京时间</source>
        <translation>营销短信的发送时段，北京时间</translation>
    </message>
    <message>
        <source>营销短信只在这个时段内发出（北京时间），时段外保留到下一个时段。</source>
        <translation>营销短信只在这个时段内发出（北京时间），时段外保留到下一个时段。</translation>
    </message>
    <message>
        <source>营销短信结尾的退订提示</source>
        <translation>营销短信结尾的退订提示</translation>
    </message>
    <message>
        <source>定时短信由本机保存并到时发送（不交给网关定时）</source>
        <translation>定时短信由本机保存并到时发送（不交给网关定时）</translation>
    </message>
    <message>
        <source>定时短信由本机发送</source>
        <translation>定时短信由本机发送</translation>
    </message>
    <message>
        <source>账户名称：</source>
        <translation>账户名称：</translation>
    </message>
    <message>
        <source>网关类型：</source>
        <translation>网关类型：</translation>
    </message>
    <message>
        <source>接口地址：</source>
        <translation>接口地址：</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>企业ID：</source>
        <translation>企业ID：</translation>
    </message>
    <message>
        <source>通信认证密码：</source>
        <translation>通信认证密码：</translation>
    </message>
    <message>
        <source>短信签名：</source>
        <translation>短信签名：</translation>
    </message>
    <message>
        <source>扩展号：</source>
        <translation>扩展号：</translation>
    </message>
    <message>
        <source>显示高级设置</source>
        <translation>显示高级设置</translation>
    </message>
    <message>
        <source>显示或隐藏高级设置</source>
        <translation>显示或隐藏高级设置</translation>
    </message>
    <message>
        <source>字符集：</source>
        <translation>字符集：</translation>
    </message>
    <message>
        <source>密码加密：</source>
        <translation>密码加密：</translation>
    </message>
    <message>
        <source>每批号码数：</source>
        <translation>每批号码数：</translation>
    </message>
    <message>
        <source>每条最多字数：</source>
        <translation>每条最多字数：</translation>
    </message>
    <message>
        <source>连接超时（秒）：</source>
        <translation>连接超时（秒）：</translation>
    </message>
    <message>
        <source>读取超时（秒）：</source>
        <translation>读取超时（秒）：</translation>
    </message>
    <message>
        <source>同时发送请求数：</source>
        <translation>同时发送请求数：</translation>
    </message>
    <message>
        <source>每秒最多请求数：</source>
        <translation>每秒最多请求数：</translation>
    </message>
    <message>
        <source>营销时段（北京时间）：</source>
        <translation>营销时段（北京时间）：</translation>
    </message>
    <message>
        <source>退订提示：</source>
        <translation>退订提示：</translation>
    </message>
    <message>
        <source>密码保存在系统密码库中，不会写入数据库。</source>
        <translation>密码保存在系统密码库中，不会写入数据库。</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>用当前设置查询余额，测试连接</source>
        <translation>用当前设置查询余额，测试连接</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>保存账户</source>
        <translation>保存账户</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>必填</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>按网关默认（%1）</source>
        <translation>按网关默认（%1）</translation>
    </message>
    <message>
        <source>隐藏高级设置</source>
        <translation>隐藏高级设置</translation>
    </message>
    <message>
        <source>请先输入密码。</source>
        <translation>请先输入密码。</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>连接成功。余额：%1 条。</source>
        <translation>
            <numerusform>连接成功。余额：%1 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>已自动采用可用的设置：%1</source>
        <translation>已自动采用可用的设置：%1</translation>
    </message>
    <message>
        <source>连接失败：</source>
        <translation>连接失败：</translation>
    </message>
    <message>
        <source>网关原文：</source>
        <translation>网关原文：</translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>账户列表</source>
        <translation>账户列表</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>添加账户</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>编辑所选账户</source>
        <translation>编辑所选账户</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>删除所选账户</source>
        <translation>删除所选账户</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>删除账户</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>删除账户 %1？它的密码也会从密码库中删除。发送记录保留。</source>
        <translation>删除账户 %1？它的密码也会从密码库中删除。发送记录保留。</translation>
    </message>
</context>
<context>
    <name>Allocation</name>
    <message>
        <source>移动</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>联通</source>
        <translation>联通</translation>
    </message>
    <message>
        <source>电信</source>
        <translation>电信</translation>
    </message>
    <message>
        <source>广电</source>
        <translation>广电</translation>
    </message>
    <message>
        <source>虚拟运营商</source>
        <translation>虚拟运营商</translation>
    </message>
    <message>
        <source>固定电话</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>北京</source>
        <translation>北京</translation>
    </message>
    <message>
        <source>天津</source>
        <translation>天津</translation>
    </message>
    <message>
        <source>河北</source>
        <translation>河北</translation>
    </message>
    <message>
        <source>山西</source>
        <translation>山西</translation>
    </message>
    <message>
        <source>内蒙古</source>
        <translation>内蒙古</translation>
    </message>
    <message>
        <source>辽宁</source>
        <translation>辽宁</translation>
    </message>
    <message>
        <source>吉林</source>
        <translation>吉林</translation>
    </message>
    <message>
        <source>黑龙江</source>
        <translation>黑龙江</translation>
    </message>
    <message>
        <source>上海</source>
        <translation>上海</translation>
    </message>
    <message>
        <source>江苏</source>
        <translation>江苏</translation>
    </message>
    <message>
        <source>浙江</source>
        <translation>浙江</translation>
    </message>
    <message>
        <source>安徽</source>
        <translation>安徽</translation>
    </message>
    <message>
        <source>福建</source>
        <translation>福建</translation>
    </message>
    <message>
        <source>江西</source>
        <translation>江西</translation>
    </message>
    <message>
        <source>山东</source>
        <translation>山东</translation>
    </message>
    <message>
        <source>河南</source>
        <translation>河南</translation>
    </message>
    <message>
        <source>湖北</source>
        <translation>湖北</translation>
    </message>
    <message>
        <source>湖南</source>
        <translation>湖南</translation>
    </message>
    <message>
        <source>广东</source>
        <translation>广东</translation>
    </message>
    <message>
        <source>广西</source>
        <translation>广西</translation>
    </message>
    <message>
        <source>海南</source>
        <translation>海南</translation>
    </message>
    <message>
        <source>重庆</source>
        <translation>重庆</translation>
    </message>
    <message>
        <source>四川</source>
        <translation>四川</translation>
    </message>
    <message>
        <source>贵州</source>
        <translation>贵州</translation>
    </message>
    <message>
        <source>云南</source>
        <translation>云南</translation>
    </message>
    <message>
        <source>西藏</source>
        <translation>西藏</translation>
    </message>
    <message>
        <source>陕西</source>
        <translation>陕西</translation>
    </message>
    <message>
        <source>甘肃</source>
        <translation>甘肃</translation>
    </message>
    <message>
        <source>青海</source>
        <translation>青海</translation>
    </message>
    <message>
        <source>宁夏</source>
        <translation>宁夏</translation>
    </message>
    <message>
        <source>新疆</source>
        <translation>新疆</translation>
    </message>
</context>
<context>
    <name>ApiTokensPanel</name>
    <message>
        <source>HTTP 接口</source>
        <translation>HTTP 接口</translation>
    </message>
    <message>
        <source>在本程序中运行 HTTP 接口</source>
        <translation>在本程序中运行 HTTP 接口</translation>
    </message>
    <message>
        <source>让办公系统（预约、订单）通过本机的账户发短信。默认关闭。</source>
        <translation>让办公系统（预约、订单）通过本机的账户发短信。默认关闭。</translation>
    </message>
    <message>
        <source>监听地址</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>127.0.0.1：只有本机的程序能访问。填局域网地址则同一网络的电脑都能访问。</source>
        <translation>127.0.0.1：只有本机的程序能访问。填局域网地址则同一网络的电脑都能访问。</translation>
    </message>
    <message>
        <source>每个令牌每分钟请求数</source>
        <translation>每个令牌每分钟请求数</translation>
    </message>
    <message>
        <source>保存并应用</source>
        <translation>保存并应用</translation>
    </message>
    <message>
        <source>监听地址：</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>每个令牌每分钟请求数：</source>
        <translation>每个令牌每分钟请求数：</translation>
    </message>
    <message>
        <source>接口令牌</source>
        <translation>接口令牌</translation>
    </message>
    <message>
        <source>接口令牌列表</source>
        <translation>接口令牌列表</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>令牌开头</source>
        <translation>令牌开头</translation>
    </message>
    <message>
        <source>建立时间</source>
        <translation>建立时间</translation>
    </message>
    <message>
        <source>最近使用</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>新建令牌…</source>
        <translation>新建令牌…</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>新令牌只显示这一次：请现在复制，交给调用接口的系统。本程序只保存它的哈希值。</source>
        <translation>新令牌只显示这一次：请现在复制，交给调用接口的系统。本程序只保存它的哈希值。</translation>
    </message>
    <message>
        <source>新令牌</source>
        <translation>新令牌</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>HTTP 接口由发送服务运行（主机 %1）；这里的设置只用于本程序。</source>
        <translation>HTTP 接口由发送服务运行（主机 %1）；这里的设置只用于本程序。</translation>
    </message>
    <message>
        <source>本程序运行时，HTTP 接口在 http://%1/api/v1/ 上接受请求。</source>
        <translation>本程序运行时，HTTP 接口在 http://%1/api/v1/ 上接受请求。</translation>
    </message>
    <message>
        <source>已关闭：不接受任何请求。</source>
        <translation>已关闭：不接受任何请求。</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>已吊销 %1</source>
        <translation>已吊销 %1</translation>
    </message>
    <message>
        <source>新建令牌</source>
        <translation>新建令牌</translation>
    </message>
    <message>
        <source>令牌名称（例如调用它的系统：预约系统）：</source>
        <translation>令牌名称（例如调用它的系统：预约系统）：</translation>
    </message>
    <message>
        <source>吊销令牌</source>
        <translation>吊销令牌</translation>
    </message>
    <message>
        <source>吊销令牌“%1”？使用它的系统将立即无法再调用接口。</source>
        <translation>吊销令牌“%1”？使用它的系统将立即无法再调用接口。</translation>
    </message>
</context>
<context>
    <name>AutoRepliesPanel</name>
    <message>
        <source>关键词自动回复</source>
        <translation>关键词自动回复</translation>
    </message>
    <message>
        <source>客户回复的短信与关键词一致或包含关键词时，自动用同一账户回复。同一号码每条规则 24 小时内最多回复一次；退订回复从不自动回复。</source>
        <translation>客户回复的短信与关键词一致或包含关键词时，自动用同一账户回复。同一号码每条规则 24 小时内最多回复一次；退订回复从不自动回复。</translation>
    </message>
    <message>
        <source>自动回复规则列表</source>
        <translation>自动回复规则列表</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>匹配</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>回复内容</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>新建自动回复规则</source>
        <translation>新建自动回复规则</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>编辑选中的规则</source>
        <translation>编辑选中的规则</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>暂停选中的规则</source>
        <translation>暂停选中的规则</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>启用选中的规则</source>
        <translation>启用选中的规则</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>删除选中的规则</source>
        <translation>删除选中的规则</translation>
    </message>
    <message>
        <source>完全一致</source>
        <translation>完全一致</translation>
    </message>
    <message>
        <source>包含</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>已启用</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>（最近 %1）</source>
        <translation>（最近 %1）</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>删除自动回复规则</source>
        <translation>删除自动回复规则</translation>
    </message>
    <message>
        <source>删除规则“%1”？它不再自动回复；已发出的回复仍在发送记录中。</source>
        <translation>删除规则“%1”？它不再自动回复；已发出的回复仍在发送记录中。</translation>
    </message>
</context>
<context>
    <name>AutoReplyDialog</name>
    <message>
        <source>编辑自动回复规则</source>
        <translation>编辑自动回复规则</translation>
    </message>
    <message>
        <source>新建自动回复规则</source>
        <translation>新建自动回复规则</translation>
    </message>
    <message>
        <source>收到回复的账户</source>
        <translation>收到回复的账户</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <source>匹配方式</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>包含关键词</source>
        <translation>包含关键词</translation>
    </message>
    <message>
        <source>与关键词完全一致</source>
        <translation>与关键词完全一致</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>多个关键词用逗号或顿号分隔，例如：1、地址</source>
        <translation>多个关键词用逗号或顿号分隔，例如：1、地址</translation>
    </message>
    <message>
        <source>自动回复的内容</source>
        <translation>自动回复的内容</translation>
    </message>
    <message>
        <source>例如：本店地址：人民路1号，营业时间 9:00-21:00</source>
        <translation>例如：本店地址：人民路1号，营业时间 9:00-21:00</translation>
    </message>
    <message>
        <source>同一号码 24 小时内每条规则最多回复一次；退订回复（退订、TD 等）只加入黑名单，从不自动回复。每条自动回复都是发送记录中的一个任务。</source>
        <translation>同一号码 24 小时内每条规则最多回复一次；退订回复（退订、TD 等）只加入黑名单，从不自动回复。每条自动回复都是发送记录中的一个任务。</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>匹配：</source>
        <translation>匹配：</translation>
    </message>
    <message>
        <source>关键词：</source>
        <translation>关键词：</translation>
    </message>
    <message>
        <source>回复内容：</source>
        <translation>回复内容：</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>AutomationRules</name>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>周期（北京时间）</source>
        <translation>周期（北京时间）</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>下次运行（北京时间）</source>
        <translation>下次运行（北京时间）</translation>
    </message>
    <message>
        <source>上次结果</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <source>已发出</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>无收件人</source>
        <translation>无收件人</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>错过</source>
        <translation>错过</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>已跳过</translation>
    </message>
    <message numerus="yes">
        <source>错过的运行（%n）…</source>
        <translation>
            <numerusform>错过的运行（%n）…</numerusform>
        </translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>现在发送(&amp;S)</source>
        <translation>现在发送(&amp;S)</translation>
    </message>
    <message>
        <source>自动化规则“%1”原定于北京时间 %2 运行，当时本程序和发送服务都没有运行，没有发送。</source>
        <translation>自动化规则“%1”原定于北京时间 %2 运行，当时本程序和发送服务都没有运行，没有发送。</translation>
    </message>
    <message>
        <source>跳过(&amp;K)</source>
        <translation>跳过(&amp;K)</translation>
    </message>
    <message>
        <source>错过的自动发送</source>
        <translation>错过的自动发送</translation>
    </message>
    <message>
        <source>（本机时间 %1）</source>
        <translation>（本机时间 %1）</translation>
    </message>
</context>
<context>
    <name>AutomationTab</name>
    <message>
        <source>自动化的各部分</source>
        <translation>自动化的各部分</translation>
    </message>
    <message>
        <source>定期与按日期发送</source>
        <translation>定期与按日期发送</translation>
    </message>
    <message>
        <source>关键词自动回复</source>
        <translation>关键词自动回复</translation>
    </message>
    <message>
        <source>HTTP 接口</source>
        <translation>HTTP 接口</translation>
    </message>
</context>
<context>
    <name>BalanceModel</name>
    <message>
        <source>余额低于提醒值</source>
        <translation>余额低于提醒值</translation>
    </message>
    <message>
        <source>后付费</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>尚未查询</source>
        <translation>尚未查询</translation>
    </message>
    <message>
        <source>查询失败：</source>
        <translation>查询失败：</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>正常（后付费）</source>
        <translation>正常（后付费）</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>网关类型</source>
        <translation>网关类型</translation>
    </message>
    <message>
        <source>余额（条）</source>
        <translation>余额（条）</translation>
    </message>
    <message>
        <source>查询时间</source>
        <translation>查询时间</translation>
    </message>
    <message>
        <source>提醒值（条）</source>
        <translation>提醒值（条）</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>网关原文</source>
        <translation>网关原文</translation>
    </message>
</context>
<context>
    <name>BalanceTab</name>
    <message>
        <source>各账户余额</source>
        <translation>各账户余额</translation>
    </message>
    <message>
        <source>全部刷新</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>刷新全部账户的余额</source>
        <translation>刷新全部账户的余额</translation>
    </message>
    <message>
        <source>刷新所选账户</source>
        <translation>刷新所选账户</translation>
    </message>
    <message>
        <source>刷新所选账户的余额</source>
        <translation>刷新所选账户的余额</translation>
    </message>
    <message>
        <source>双击“提醒值”一栏可设置低余额提醒（条数，0 表示不提醒）。余额以短信条数计。</source>
        <translation>双击“提醒值”一栏可设置低余额提醒（条数，0 表示不提醒）。余额以短信条数计。</translation>
    </message>
    <message numerus="yes">
        <source>%1（剩 %2 条，提醒值 %3 条）</source>
        <translation>
            <numerusform>%1（剩 %2 条，提醒值 %3 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>余额不足提醒：</source>
        <translation>余额不足提醒：</translation>
    </message>
</context>
<context>
    <name>BlacklistDialog</name>
    <message>
        <source>黑名单</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>黑名单列表</source>
        <translation>黑名单列表</translation>
    </message>
    <message>
        <source>搜索黑名单</source>
        <translation>搜索黑名单</translation>
    </message>
    <message>
        <source>搜索号码或原因</source>
        <translation>搜索号码或原因</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>添加号码到黑名单</source>
        <translation>添加号码到黑名单</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>从黑名单移除选中的号码</source>
        <translation>从黑名单移除选中的号码</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>从文件导入黑名单</source>
        <translation>从文件导入黑名单</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>导出黑名单为 Excel</source>
        <translation>导出黑名单为 Excel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>黑名单中的号码不会收到任何短信（发送时自动跳过）。</source>
        <translation>黑名单中的号码不会收到任何短信（发送时自动跳过）。</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个号码</source>
        <translation>
            <numerusform>共 %Ln 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已加入 %Ln 个，</source>
        <translation>
            <numerusform>已加入 %Ln 个，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>原已在黑名单 %Ln 个</source>
        <translation>
            <numerusform>原已在黑名单 %Ln 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>；无效 %Ln 个</source>
        <translation>
            <numerusform>；无效 %Ln 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>将 %Ln 个号码移出黑名单？之后的发送将不再跳过它们。</source>
        <translation>
            <numerusform>将 %Ln 个号码移出黑名单？之后的发送将不再跳过它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已移出 %Ln 个号码</source>
        <translation>
            <numerusform>已移出 %Ln 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个号码已保存到 %2</source>
        <translation>
            <numerusform>%Ln 个号码已保存到 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>添加到黑名单</source>
        <translation>添加到黑名单</translation>
    </message>
    <message>
        <source>号码（可填多个，用逗号或空格分隔）：</source>
        <translation>号码（可填多个，用逗号或空格分隔）：</translation>
    </message>
    <message>
        <source>原因（可不填）：</source>
        <translation>原因（可不填）：</translation>
    </message>
    <message>
        <source>移出黑名单</source>
        <translation>移出黑名单</translation>
    </message>
    <message>
        <source>导入黑名单</source>
        <translation>导入黑名单</translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>导出黑名单</source>
        <translation>导出黑名单</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
</context>
<context>
    <name>CampaignReportDialog</name>
    <message>
        <source>正在读取…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>重发哪些未送达的号码</source>
        <translation>重发哪些未送达的号码</translation>
    </message>
    <message>
        <source>重发未送达…</source>
        <translation>重发未送达…</translation>
    </message>
    <message>
        <source>用所选的未送达号码新建一个任务并发送（内容和账户不变）</source>
        <translation>用所选的未送达号码新建一个任务并发送（内容和账户不变）</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>把报告导出为 Excel 文件，每项分类一个工作表</source>
        <translation>把报告导出为 Excel 文件，每项分类一个工作表</translation>
    </message>
    <message>
        <source>导出图片…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>把报告的图表导出为 PNG 图片</source>
        <translation>把报告的图表导出为 PNG 图片</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>重新统计（状态报告可能又到了一些）</source>
        <translation>重新统计（状态报告可能又到了一些）</translation>
    </message>
    <message>
        <source>重发：</source>
        <translation>重发：</translation>
    </message>
    <message>
        <source>任务报告：任务 %1</source>
        <translation>任务报告：任务 %1</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>任务 %1</translation>
    </message>
    <message numerus="yes">
        <source>任务 %1 · %2 · %3 · %Ln 个号码</source>
        <translation>
            <numerusform>任务 %1 · %2 · %3 · %Ln 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>全部未送达（%Ln 个）</source>
        <translation>
            <numerusform>全部未送达（%Ln 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>原因 %1（%Ln 个）</source>
        <translation>
            <numerusform>原因 %1（%Ln 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>运营商 %1（%Ln 个）</source>
        <translation>
            <numerusform>运营商 %1（%Ln 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>重发未送达的号码</source>
        <translation>重发未送达的号码</translation>
    </message>
    <message numerus="yes">
        <source>用任务 %1 中未送达的 %2 个号码（%3）新建一个任务，并立即发送（内容和账户不变）。这些号码已经发过一次，运营商报告未送达；重发仍会计费。</source>
        <translation>
            <numerusform>用任务 %1 中未送达的 %2 个号码（%3）新建一个任务，并立即发送（内容和账户不变）。这些号码已经发过一次，运营商报告未送达；重发仍会计费。</numerusform>
        </translation>
    </message>
    <message>
        <source>新建并发送</source>
        <translation>新建并发送</translation>
    </message>
    <message>
        <source>任务报告</source>
        <translation>任务报告</translation>
    </message>
    <message>
        <source>导出任务报告</source>
        <translation>导出任务报告</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>导出报告图片</source>
        <translation>导出报告图片</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>报告已写入 %1</source>
        <translation>报告已写入 %1</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>第 %1 步：对应列</source>
        <translation>第 %1 步：对应列</translation>
    </message>
    <message>
        <source>已自动识别号码列和姓名列，可以修改。下方预览是将要导入的样子。</source>
        <translation>已自动识别号码列和姓名列，可以修改。下方预览是将要导入的样子。</translation>
    </message>
    <message>
        <source>手机号码所在的列</source>
        <translation>手机号码所在的列</translation>
    </message>
    <message>
        <source>姓名所在的列</source>
        <translation>姓名所在的列</translation>
    </message>
    <message>
        <source>其他列：勾选的列保存为字段</source>
        <translation>其他列：勾选的列保存为字段</translation>
    </message>
    <message>
        <source>列</source>
        <translation>列</translation>
    </message>
    <message>
        <source>保存为字段名</source>
        <translation>保存为字段名</translation>
    </message>
    <message>
        <source>导入预览</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>号码列：</source>
        <translation>号码列：</translation>
    </message>
    <message>
        <source>姓名列：</source>
        <translation>姓名列：</translation>
    </message>
    <message>
        <source>其他列（勾选的保存为字段，短信中可用 {字段名}）：</source>
        <translation>其他列（勾选的保存为字段，短信中可用 {字段名}）：</translation>
    </message>
    <message>
        <source>预览（前 %1 行）：</source>
        <translation>预览（前 %1 行）：</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>文件内重复（与上面的号码相同），不会重复导入</source>
        <translation>文件内重复（与上面的号码相同），不会重复导入</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>可导入</source>
        <translation>可导入</translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>发送账户</source>
        <translation>发送账户</translation>
    </message>
    <message>
        <source>备用账户（主账户无法发送时改用）</source>
        <translation>备用账户（主账户无法发送时改用）</translation>
    </message>
    <message>
        <source>模板短信</source>
        <translation>模板短信</translation>
    </message>
    <message>
        <source>使用网关模板发送</source>
        <translation>使用网关模板发送</translation>
    </message>
    <message>
        <source>模板编号</source>
        <translation>模板编号</translation>
    </message>
    <message>
        <source>模板变量，每行一个</source>
        <translation>模板变量，每行一个</translation>
    </message>
    <message>
        <source>模板变量：每行一个，依次对应 @1@、@2@ …，可用 {列名}</source>
        <translation>模板变量：每行一个，依次对应 @1@、@2@ …，可用 {列名}</translation>
    </message>
    <message>
        <source>模板编号：</source>
        <translation>模板编号：</translation>
    </message>
    <message>
        <source>模板变量：</source>
        <translation>模板变量：</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>备用账户：</source>
        <translation>备用账户：</translation>
    </message>
    <message>
        <source>立即发送</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <source>定时发送：</source>
        <translation>定时发送：</translation>
    </message>
    <message>
        <source>定时发送</source>
        <translation>定时发送</translation>
    </message>
    <message>
        <source>定时发送的日期和时间</source>
        <translation>定时发送的日期和时间</translation>
    </message>
    <message>
        <source>本机时间</source>
        <translation>本机时间</translation>
    </message>
    <message>
        <source>发送…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>发送（先显示确认）</source>
        <translation>发送（先显示确认）</translation>
    </message>
    <message>
        <source>（不使用）</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <source>发送账户已删除</source>
        <translation>发送账户已删除</translation>
    </message>
    <message>
        <source>账户 %1 已被删除，请重新选择发送账户。</source>
        <translation>账户 %1 已被删除，请重新选择发送账户。</translation>
    </message>
    <message>
        <source>备用账户已删除</source>
        <translation>备用账户已删除</translation>
    </message>
    <message>
        <source>备用账户 %1 已被删除，现在不使用备用账户。</source>
        <translation>备用账户 %1 已被删除，现在不使用备用账户。</translation>
    </message>
    <message>
        <source>本机时间；北京时间 %1</source>
        <translation>本机时间；北京时间 %1</translation>
    </message>
    <message>
        <source>这个时间已经过去</source>
        <translation>这个时间已经过去</translation>
    </message>
    <message>
        <source>定时发送的时间已经过去，请改为将来的时间，或选择“立即发送”。</source>
        <translation>定时发送的时间已经过去，请改为将来的时间，或选择“立即发送”。</translation>
    </message>
    <message>
        <source>选择号码文件</source>
        <translation>选择号码文件</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>正在读取通讯录…</source>
        <translation>正在读取通讯录…</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>上一个发送任务还在进行（或已暂停）。请等它结束或取消后再发送。</source>
        <translation>上一个发送任务还在进行（或已暂停）。请等它结束或取消后再发送。</translation>
    </message>
    <message>
        <source>号码还在粘贴中，请稍候再发送。</source>
        <translation>号码还在粘贴中，请稍候再发送。</translation>
    </message>
    <message>
        <source>请先选择发送账户。</source>
        <translation>请先选择发送账户。</translation>
    </message>
    <message>
        <source>请先填写接收号码，或从文件导入。</source>
        <translation>请先填写接收号码，或从文件导入。</translation>
    </message>
    <message>
        <source>无法发送：</source>
        <translation>无法发送：</translation>
    </message>
    <message>
        <source>任务 %1：正在发送测试短信到本人号码…</source>
        <translation>任务 %1：正在发送测试短信到本人号码…</translation>
    </message>
    <message>
        <source>测试短信没有发出（任务 %1），群发没有开始。请在“发送记录”中查看原因。</source>
        <translation>测试短信没有发出（任务 %1），群发没有开始。请在“发送记录”中查看原因。</translation>
    </message>
    <message numerus="yes">
        <source>测试短信已发到本人号码（%Ln 条，任务 %1）。请在手机上查看内容是否正确。

内容无误，开始群发吗？</source>
        <translation>
            <numerusform>测试短信已发到本人号码（%Ln 条，任务 %1）。请在手机上查看内容是否正确。

内容无误，开始群发吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>确认测试短信</source>
        <translation>确认测试短信</translation>
    </message>
    <message>
        <source>内容无误，开始群发</source>
        <translation>内容无误，开始群发</translation>
    </message>
    <message>
        <source>取消群发</source>
        <translation>取消群发</translation>
    </message>
    <message>
        <source>已取消群发</source>
        <translation>已取消群发</translation>
    </message>
    <message>
        <source>测试之后没有群发。</source>
        <translation>测试之后没有群发。</translation>
    </message>
    <message>
        <source>任务 %1 已交给发送服务（由服务器发送），本机可以关机。</source>
        <translation>任务 %1 已交给发送服务（由服务器发送），本机可以关机。</translation>
    </message>
    <message>
        <source>已交给服务器</source>
        <translation>已交给服务器</translation>
    </message>
    <message>
        <source>任务 %1 是营销短信，现在不在营销时段：将于 %2 发出。</source>
        <translation>任务 %1 是营销短信，现在不在营销时段：将于 %2 发出。</translation>
    </message>
    <message>
        <source>营销短信已保留</source>
        <translation>营销短信已保留</translation>
    </message>
    <message>
        <source>定时任务已保存</source>
        <translation>定时任务已保存</translation>
    </message>
    <message>
        <source>网关拒绝的原因：</source>
        <translation>网关拒绝的原因：</translation>
    </message>
    <message>
        <source>可在“发送记录”中查看每个号码，核实后继续或重发。</source>
        <translation>可在“发送记录”中查看每个号码，核实后继续或重发。</translation>
    </message>
    <message>
        <source>发送结束：有号码需要注意</source>
        <translation>发送结束：有号码需要注意</translation>
    </message>
    <message>
        <source>改用 UTF-8 编码</source>
        <translation>改用 UTF-8 编码</translation>
    </message>
    <message>
        <source>该网关支持 UTF-8 编码，可以发送这些字符。要把账户 %1 改为 UTF-8 吗？</source>
        <translation>该网关支持 UTF-8 编码，可以发送这些字符。要把账户 %1 改为 UTF-8 吗？</translation>
    </message>
    <message>
        <source>改用 UTF-8</source>
        <translation>改用 UTF-8</translation>
    </message>
</context>
<context>
    <name>ConfirmSendDialog</name>
    <message>
        <source>确认发送</source>
        <translation>确认发送</translation>
    </message>
    <message>
        <source>（备用：%1）</source>
        <translation>（备用：%1）</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>号码：</source>
        <translation>号码：</translation>
    </message>
    <message>
        <source>将发送：</source>
        <translation>将发送：</translation>
    </message>
    <message>
        <source>跳过：</source>
        <translation>跳过：</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <source>每条字数：</source>
        <translation>每条字数：</translation>
    </message>
    <message numerus="yes">
        <source>无效 %Ln</source>
        <translation>
            <numerusform>无效 %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>刚刚</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 分钟前</source>
        <translation>
            <numerusform>%Ln 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 小时前</source>
        <translation>
            <numerusform>%Ln 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 天前</source>
        <translation>
            <numerusform>%Ln 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重复 %Ln</source>
        <translation>
            <numerusform>重复 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>黑名单 %Ln</source>
        <translation>
            <numerusform>黑名单 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>缺少字段 %Ln</source>
        <translation>
            <numerusform>缺少字段 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 字，</source>
        <translation>
            <numerusform>%1 字，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>计 %1 条</source>
        <translation>
            <numerusform>计 %1 条</numerusform>
        </translation>
    </message>
    <message>
        <source>计费条数：</source>
        <translation>计费条数：</translation>
    </message>
    <message>
        <source>号段归属：</source>
        <translation>号段归属：</translation>
    </message>
    <message>
        <source>按号码所在号段最初分配的运营商统计；携号转网的号码现在可能属于另一家运营商。</source>
        <translation>按号码所在号段最初分配的运营商统计；携号转网的号码现在可能属于另一家运营商。</translation>
    </message>
    <message>
        <source>请求次数：</source>
        <translation>请求次数：</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>由服务器发送</source>
        <translation>由服务器发送</translation>
    </message>
    <message>
        <source>发送服务（主机 %1）发送这个任务，本机可以关机。</source>
        <translation>发送服务（主机 %1）发送这个任务，本机可以关机。</translation>
    </message>
    <message>
        <source>确认发送(&amp;S)</source>
        <translation>确认发送(&amp;S)</translation>
    </message>
    <message>
        <source>先发测试(&amp;S)</source>
        <translation>先发测试(&amp;S)</translation>
    </message>
    <message>
        <source>先发测试</source>
        <translation>先发测试</translation>
    </message>
    <message>
        <source>后付费账户（先发后结，无余额限制）</source>
        <translation>后付费账户（先发后结，无余额限制）</translation>
    </message>
    <message>
        <source>刚才查询失败：%1</source>
        <translation>刚才查询失败：%1</translation>
    </message>
    <message>
        <source>未知：这台电脑还没有保存这个账户的密码（由本机发送时，确认后会请你输入）。</source>
        <translation>未知：这台电脑还没有保存这个账户的密码（由本机发送时，确认后会请你输入）。</translation>
    </message>
    <message>
        <source>余额：</source>
        <translation>余额：</translation>
    </message>
    <message>
        <source>未知（查询失败：%1）</source>
        <translation>未知（查询失败：%1）</translation>
    </message>
    <message numerus="yes">
        <source>%1 条（%2查询），发送后约剩 %3 条</source>
        <translation>
            <numerusform>%1 条（%2查询），发送后约剩 %3 条</numerusform>
        </translation>
    </message>
    <message>
        <source>——余额不足！</source>
        <translation>——余额不足！</translation>
    </message>
    <message>
        <source>立即发送</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <source>定时：%1</source>
        <translation>定时：%1</translation>
    </message>
    <message>
        <source>（本机时间；北京时间 %1）</source>
        <translation>（本机时间；北京时间 %1）</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>定时任务将交给网关保存；交出后，本程序无法再撤回。</source>
        <translation>定时任务将交给网关保存；交出后，本程序无法再撤回。</translation>
    </message>
    <message>
        <source>第一条：</source>
        <translation>第一条：</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>取消发送</source>
        <translation>取消发送</translation>
    </message>
</context>
<context>
    <name>ContactEditDialog</name>
    <message>
        <source>编辑联系人</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>其他字段</source>
        <translation>其他字段</translation>
    </message>
    <message>
        <source>字段名</source>
        <translation>字段名</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>添加字段</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>添加一个字段</source>
        <translation>添加一个字段</translation>
    </message>
    <message>
        <source>手机号码：</source>
        <translation>手机号码：</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>其他字段（短信中可用 {字段名} 引用）：</source>
        <translation>其他字段（短信中可用 {字段名} 引用）：</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>运营商</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>归属地</source>
        <translation>归属地</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>其他字段</source>
        <translation>其他字段</translation>
    </message>
    <message>
        <source>号段归属：号码所在号段最初分配的运营商和地区。携号转网的号码现在可能不同。</source>
        <translation>号段归属：号码所在号段最初分配的运营商和地区。携号转网的号码现在可能不同。</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>加入时间</source>
        <translation>加入时间</translation>
    </message>
    <message>
        <source>手动添加</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>退订回复</source>
        <translation>退订回复</translation>
    </message>
    <message>
        <source>文件导入</source>
        <translation>文件导入</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>分组</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>新建分组</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>重命名分组</source>
        <translation>重命名分组</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>删除分组及其联系人</source>
        <translation>删除分组及其联系人</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>黑名单…</source>
        <translation>黑名单…</translation>
    </message>
    <message>
        <source>查看和管理黑名单</source>
        <translation>查看和管理黑名单</translation>
    </message>
    <message>
        <source>导入模板…</source>
        <translation>导入模板…</translation>
    </message>
    <message>
        <source>搜索联系人</source>
        <translation>搜索联系人</translation>
    </message>
    <message>
        <source>搜索姓名、号码（可输入部分）或任意字段</source>
        <translation>搜索姓名、号码（可输入部分）或任意字段</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 文件导入联系人</source>
        <translation>从 Excel 或 CSV 文件导入联系人</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>导出联系人为 Excel</source>
        <translation>导出联系人为 Excel</translation>
    </message>
    <message>
        <source>保存导入模板（Excel）</source>
        <translation>保存导入模板（Excel）</translation>
    </message>
    <message>
        <source>按运营商筛选（号段归属）</source>
        <translation>按运营商筛选（号段归属）</translation>
    </message>
    <message>
        <source>全部运营商</source>
        <translation>全部运营商</translation>
    </message>
    <message>
        <source>按省份筛选（号段归属）</source>
        <translation>按省份筛选（号段归属）</translation>
    </message>
    <message>
        <source>全部地区</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>未知地区</source>
        <translation>未知地区</translation>
    </message>
    <message>
        <source>号段归属：</source>
        <translation>号段归属：</translation>
    </message>
    <message>
        <source>联系人列表</source>
        <translation>联系人列表</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>编辑选中的联系人</source>
        <translation>编辑选中的联系人</translation>
    </message>
    <message>
        <source>删除选中的联系人</source>
        <translation>删除选中的联系人</translation>
    </message>
    <message>
        <source>移动到…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <source>把选中的联系人移动到另一个分组</source>
        <translation>把选中的联系人移动到另一个分组</translation>
    </message>
    <message>
        <source>复制到…</source>
        <translation>复制到…</translation>
    </message>
    <message>
        <source>把选中的联系人复制到另一个分组</source>
        <translation>把选中的联系人复制到另一个分组</translation>
    </message>
    <message>
        <source>发送给此分组</source>
        <translation>发送给此分组</translation>
    </message>
    <message>
        <source>给当前分组的所有联系人发短信</source>
        <translation>给当前分组的所有联系人发短信</translation>
    </message>
    <message>
        <source>发送给选中的</source>
        <translation>发送给选中的</translation>
    </message>
    <message>
        <source>给选中的联系人发短信</source>
        <translation>给选中的联系人发短信</translation>
    </message>
    <message>
        <source>发送给所有匹配的</source>
        <translation>发送给所有匹配的</translation>
    </message>
    <message>
        <source>给搜索到的所有联系人发短信</source>
        <translation>给搜索到的所有联系人发短信</translation>
    </message>
    <message>
        <source>全部联系人（%1）</source>
        <translation>全部联系人（%1）</translation>
    </message>
    <message>
        <source>分组名称：</source>
        <translation>分组名称：</translation>
    </message>
    <message>
        <source>新名称：</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>删除分组</source>
        <translation>删除分组</translation>
    </message>
    <message numerus="yes">
        <source>删除分组“%1”及其中的 %2 个联系人？此操作不能撤销。</source>
        <translation>
            <numerusform>删除分组“%1”及其中的 %2 个联系人？此操作不能撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>至少 %1 人，正在计数…</source>
        <translation>至少 %1 人，正在计数…</translation>
    </message>
    <message numerus="yes">
        <source>找到 %1 人</source>
        <translation>
            <numerusform>找到 %1 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %1 人</source>
        <translation>
            <numerusform>共 %1 人</numerusform>
        </translation>
    </message>
    <message>
        <source>已被他人修改</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>重新读取</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>发送给选中的（%1）</source>
        <translation>发送给选中的（%1）</translation>
    </message>
    <message>
        <source>发送给所有匹配的（%1）</source>
        <translation>发送给所有匹配的（%1）</translation>
    </message>
    <message>
        <source>删除联系人</source>
        <translation>删除联系人</translation>
    </message>
    <message numerus="yes">
        <source>删除选中的 %1 个联系人？</source>
        <translation>
            <numerusform>删除选中的 %1 个联系人？</numerusform>
        </translation>
    </message>
    <message>
        <source>移动到分组</source>
        <translation>移动到分组</translation>
    </message>
    <message>
        <source>复制到分组</source>
        <translation>复制到分组</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>选中的 %1 个联系人：</source>
        <translation>
            <numerusform>选中的 %1 个联系人：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已移动 %1 个到“%2”</source>
        <translation>
            <numerusform>已移动 %1 个到“%2”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已复制 %1 个到“%2”</source>
        <translation>
            <numerusform>已复制 %1 个到“%2”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>；%1 个号码该分组已有，未变动</source>
        <translation>
            <numerusform>；%1 个号码该分组已有，未变动</numerusform>
        </translation>
    </message>
    <message>
        <source>通讯录</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>分组“%1”</source>
        <translation>分组“%1”</translation>
    </message>
    <message numerus="yes">
        <source>选中的 %1 个联系人</source>
        <translation>
            <numerusform>选中的 %1 个联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>全部联系人</source>
        <translation>全部联系人</translation>
    </message>
    <message>
        <source>%1 中匹配“%2”的联系人</source>
        <translation>%1 中匹配“%2”的联系人</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>导出联系人</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
    <message numerus="yes">
        <source>%1 个联系人已保存到 %2</source>
        <translation>
            <numerusform>%1 个联系人已保存到 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>通讯录导入模板</source>
        <translation>通讯录导入模板</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>导入模板已保存到 %1</source>
        <translation>导入模板已保存到 %1</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>状态报告时间：</source>
        <translation>状态报告时间：</translation>
    </message>
    <message>
        <source>退订</source>
        <translation>退订</translation>
    </message>
</context>
<context>
    <name>ConversationDialog</name>
    <message>
        <source>对话：%1</source>
        <translation>对话：%1</translation>
    </message>
    <message>
        <source>与该号码的全部短信往来</source>
        <translation>与该号码的全部短信往来</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>给该号码发短信（打开发送页）</source>
        <translation>给该号码发短信（打开发送页）</translation>
    </message>
    <message>
        <source>号码 %1：</source>
        <translation>号码 %1：</translation>
    </message>
    <message numerus="yes">
        <source>发出 %Ln 条</source>
        <translation>
            <numerusform>发出 %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，回复 %Ln 条</source>
        <translation>
            <numerusform>，回复 %Ln 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DailyModel</name>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>送达</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>送达率</source>
        <translation>送达率</translation>
    </message>
    <message>
        <source>计费条数</source>
        <translation>计费条数</translation>
    </message>
    <message numerus="yes">
        <source>%1：发出 %2，送达 %3（%4），计费 %5 条</source>
        <translation>
            <numerusform>%1：发出 %2，送达 %3（%4），计费 %5 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>近 %n 天每天的发送和送达</source>
        <translation>
            <numerusform>近 %n 天每天的发送和送达</numerusform>
        </translation>
    </message>
    <message>
        <source>计费条数：网关已接收的短信按条计，超过 70 字的一条短信计为多条；被拒绝和结果未知的不计。按本机的发送记录统计，以服务商的账单为准。</source>
        <translation>计费条数：网关已接收的短信按条计，超过 70 字的一条短信计为多条；被拒绝和结果未知的不计。按本机的发送记录统计，以服务商的账单为准。</translation>
    </message>
    <message>
        <source>这段时间没有发送。</source>
        <translation>这段时间没有发送。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>发生了意外错误。程序可以继续使用；详细信息已写入日志文件。</source>
        <translation>发生了意外错误。程序可以继续使用；详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>第 %1 步：选择文件</source>
        <translation>第 %1 步：选择文件</translation>
    </message>
    <message>
        <source>支持 Excel（.xlsx .xlsm .xls）、WPS/LibreOffice（.ods）和文本（.csv .txt）。</source>
        <translation>支持 Excel（.xlsx .xlsm .xls）、WPS/LibreOffice（.ods）和文本（.csv .txt）。</translation>
    </message>
    <message>
        <source>要导入的文件</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>已读取：%1 列，</source>
        <translation>
            <numerusform>已读取：%1 列，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>约 %2 行</source>
        <translation>
            <numerusform>约 %2 行</numerusform>
        </translation>
    </message>
    <message>
        <source>；编码 %1</source>
        <translation>；编码 %1</translation>
    </message>
</context>
<context>
    <name>GuardPanel</name>
    <message>
        <source>发送规则</source>
        <translation>发送规则</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>任务类型：通知</source>
        <translation>任务类型：通知</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>任务类型：营销</source>
        <translation>任务类型：营销</translation>
    </message>
    <message>
        <source>含“%1”</source>
        <translation>含“%1”</translation>
    </message>
    <message>
        <source>”“</source>
        <translation>”“</translation>
    </message>
    <message>
        <source>含链接 %1</source>
        <translation>含链接 %1</translation>
    </message>
    <message>
        <source>内容%1，像营销短信：请确认类型。</source>
        <translation>内容%1，像营销短信：请确认类型。</translation>
    </message>
    <message>
        <source>，</source>
        <translation>，</translation>
    </message>
    <message>
        <source>任务类型：</source>
        <translation>任务类型：</translation>
    </message>
    <message>
        <source>发送规则的检查结果</source>
        <translation>发送规则的检查结果</translation>
    </message>
    <message>
        <source>在内容末尾加上退订提示</source>
        <translation>在内容末尾加上退订提示</translation>
    </message>
    <message>
        <source>忽略营销时段（记录在任务上）</source>
        <translation>忽略营销时段（记录在任务上）</translation>
    </message>
    <message>
        <source>忽略营销时段</source>
        <translation>忽略营销时段</translation>
    </message>
    <message>
        <source>先发给自己</source>
        <translation>先发给自己</translation>
    </message>
    <message numerus="yes">
        <source>先发给自己：前 %Ln 条个性化短信发到 %1，确认无误后再群发</source>
        <translation>
            <numerusform>先发给自己：前 %Ln 条个性化短信发到 %1，确认无误后再群发</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>先发给自己（请先在 设置 → 发送规则 中填写本人号码）</source>
        <translation>先发给自己（请先在 设置 → 发送规则 中填写本人号码）</translation>
    </message>
    <message>
        <source>营销短信须以退订提示结尾：请先加上。</source>
        <translation>营销短信须以退订提示结尾：请先加上。</translation>
    </message>
    <message>
        <source>（本机时间；北京时间 %1）</source>
        <translation>（本机时间；北京时间 %1）</translation>
    </message>
    <message>
        <source>营销时段 %1（北京时间）</source>
        <translation>营销时段 %1（北京时间）</translation>
    </message>
    <message>
        <source>%1：已忽略（记录在任务上）。</source>
        <translation>%1：已忽略（记录在任务上）。</translation>
    </message>
    <message>
        <source>%1：现在不在时段内，任务将保留到 %2 再发出。</source>
        <translation>%1：现在不在时段内，任务将保留到 %2 再发出。</translation>
    </message>
    <message>
        <source>%1：%2 时段结束，未发完的部分暂停，下一个时段继续。</source>
        <translation>%1：%2 时段结束，未发完的部分暂停，下一个时段继续。</translation>
    </message>
    <message>
        <source>每天营销 %1 条</source>
        <translation>每天营销 %1 条</translation>
    </message>
    <message>
        <source>7 天营销 %1 条</source>
        <translation>7 天营销 %1 条</translation>
    </message>
    <message>
        <source>每天共 %1 条</source>
        <translation>每天共 %1 条</translation>
    </message>
    <message numerus="yes">
        <source>频次限制：%Ln 个号码超出限制，将跳过（%1）。</source>
        <translation>
            <numerusform>频次限制：%Ln 个号码超出限制，将跳过（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>频次限制：没有号码超出限制。</source>
        <translation>频次限制：没有号码超出限制。</translation>
    </message>
    <message>
        <source>营销短信须以“%1”结尾；加上后每条最多 %2 字，计 %3 条，共 %4 条。</source>
        <translation>营销短信须以“%1”结尾；加上后每条最多 %2 字，计 %3 条，共 %4 条。</translation>
    </message>
    <message>
        <source>没有签名：运营商要求短信带【签名】，请在账户中设置。</source>
        <translation>没有签名：运营商要求短信带【签名】，请在账户中设置。</translation>
    </message>
    <message>
        <source>内容带有 %2，账户的签名 %1 不会再加上。</source>
        <translation>内容带有 %2，账户的签名 %1 不会再加上。</translation>
    </message>
    <message>
        <source>签名 %1 在短信中出现了两次。</source>
        <translation>签名 %1 在短信中出现了两次。</translation>
    </message>
    <message>
        <source>内容中还有一个签名 %2：一条短信只能有一个签名。</source>
        <translation>内容中还有一个签名 %2：一条短信只能有一个签名。</translation>
    </message>
    <message>
        <source>签名 %1 太短：该通道要求至少 %3 个字。</source>
        <translation>签名 %1 太短：该通道要求至少 %3 个字。</translation>
    </message>
    <message>
        <source>签名 %1 太长：该通道最多 %3 个字。</source>
        <translation>签名 %1 太长：该通道最多 %3 个字。</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>加上“%1”</source>
        <translation>加上“%1”</translation>
    </message>
</context>
<context>
    <name>GuardSettingsDialog</name>
    <message>
        <source>发送规则</source>
        <translation>发送规则</translation>
    </message>
    <message>
        <source>频次限制（每个号码，所有任务和账户合计）</source>
        <translation>频次限制（每个号码，所有任务和账户合计）</translation>
    </message>
    <message>
        <source>每天营销短信最多：</source>
        <translation>每天营销短信最多：</translation>
    </message>
    <message>
        <source>每个号码每天最多几条营销短信</source>
        <translation>每个号码每天最多几条营销短信</translation>
    </message>
    <message>
        <source>7 天营销短信最多：</source>
        <translation>7 天营销短信最多：</translation>
    </message>
    <message>
        <source>每个号码 7 天内最多几条营销短信</source>
        <translation>每个号码 7 天内最多几条营销短信</translation>
    </message>
    <message>
        <source>每天各类短信共最多：</source>
        <translation>每天各类短信共最多：</translation>
    </message>
    <message>
        <source>每个号码每天最多几条短信（通知和营销合计）</source>
        <translation>每个号码每天最多几条短信（通知和营销合计）</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> 条</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>按北京时间的自然日计算；超出的号码跳过，原因记为“频次限制”。</source>
        <translation>按北京时间的自然日计算；超出的号码跳过，原因记为“频次限制”。</translation>
    </message>
    <message>
        <source>营销词，每行一个</source>
        <translation>营销词，每行一个</translation>
    </message>
    <message>
        <source>营销词</source>
        <translation>营销词</translation>
    </message>
    <message>
        <source>内容含这些词或链接时，按营销短信提示（发送前由您确认类型）。</source>
        <translation>内容含这些词或链接时，按营销短信提示（发送前由您确认类型）。</translation>
    </message>
    <message>
        <source>本人号码，最多 3 个</source>
        <translation>本人号码，最多 3 个</translation>
    </message>
    <message>
        <source>例如：13800138000, 13900139000</source>
        <translation>例如：13800138000, 13900139000</translation>
    </message>
    <message>
        <source>本人号码（先发给自己）</source>
        <translation>本人号码（先发给自己）</translation>
    </message>
    <message>
        <source>号码（1–3 个）：</source>
        <translation>号码（1–3 个）：</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>保存发送规则</source>
        <translation>保存发送规则</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>使用说明</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>正在打开使用说明…</source>
        <translation>正在打开使用说明…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 是给技术人员的文档，不随程序安装。</source>
        <translation>%1 是给技术人员的文档，不随程序安装。</translation>
    </message>
</context>
<context>
    <name>HeldClose</name>
    <message numerus="yes">
        <source>有 %Ln 个定时任务保存在本机，等待到时发送（最早 %1）。程序退出后它们不会发出，除非到时本程序在运行，或由系统的计划任务运行发送命令。</source>
        <translation>
            <numerusform>有 %Ln 个定时任务保存在本机，等待到时发送（最早 %1）。程序退出后它们不会发出，除非到时本程序在运行，或由系统的计划任务运行发送命令。</numerusform>
        </translation>
    </message>
    <message>
        <source>仍然退出</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <source>保持运行（最小化）</source>
        <translation>保持运行（最小化）</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>改用系统计划任务…</source>
        <translation>改用系统计划任务…</translation>
    </message>
    <message>
        <source>有定时任务等待发送</source>
        <translation>有定时任务等待发送</translation>
    </message>
    <message>
        <source>用 Windows 的“任务计划程序”每 5 分钟运行一次发送命令：在“命令提示符”中执行下面这一行即可创建该计划任务（以后可在“任务计划程序”中查看或删除）。到时电脑须开机，但本程序无需运行。</source>
        <translation>用 Windows 的“任务计划程序”每 5 分钟运行一次发送命令：在“命令提示符”中执行下面这一行即可创建该计划任务（以后可在“任务计划程序”中查看或删除）。到时电脑须开机，但本程序无需运行。</translation>
    </message>
    <message>
        <source>用 cron 每 5 分钟运行一次发送命令：在“终端”中执行 crontab -e，加入下面这一行并保存。到时 Mac 须开机且未睡眠，但本程序无需运行。</source>
        <translation>用 cron 每 5 分钟运行一次发送命令：在“终端”中执行 crontab -e，加入下面这一行并保存。到时 Mac 须开机且未睡眠，但本程序无需运行。</translation>
    </message>
    <message>
        <source>用 cron 每 5 分钟运行一次发送命令：在终端中执行 crontab -e，加入下面这一行并保存（也可以用 systemd 的用户定时器）。到时电脑须开机，但本程序无需运行。</source>
        <translation>用 cron 每 5 分钟运行一次发送命令：在终端中执行 crontab -e，加入下面这一行并保存（也可以用 systemd 的用户定时器）。到时电脑须开机，但本程序无需运行。</translation>
    </message>
    <message>
        <source>用系统计划任务发送定时任务</source>
        <translation>用系统计划任务发送定时任务</translation>
    </message>
</context>
<context>
    <name>HeldWords</name>
    <message>
        <source>任务 %1 已保存在办公室服务器上，将于 %2 由发送服务（主机 %3）发送，本机可以关机。</source>
        <translation>任务 %1 已保存在办公室服务器上，将于 %2 由发送服务（主机 %3）发送，本机可以关机。</translation>
    </message>
    <message>
        <source>任务 %1 已保存在办公室服务器上，将于 %2 由开着本程序的电脑（或发送服务）发送。</source>
        <translation>任务 %1 已保存在办公室服务器上，将于 %2 由开着本程序的电脑（或发送服务）发送。</translation>
    </message>
    <message>
        <source>任务 %1 已保存，将于 %2 由本程序发送（到时电脑须开机、程序须运行）。</source>
        <translation>任务 %1 已保存，将于 %2 由本程序发送（到时电脑须开机、程序须运行）。</translation>
    </message>
    <message>
        <source>定时任务保存在办公室服务器上：到时由任何一台开着本程序、保存了该账户密码的电脑（或发送服务）发出，那时至少要有一台电脑开着本程序。</source>
        <translation>定时任务保存在办公室服务器上：到时由任何一台开着本程序、保存了该账户密码的电脑（或发送服务）发出，那时至少要有一台电脑开着本程序。</translation>
    </message>
    <message>
        <source>定时任务保存在办公室服务器上：到时由发送服务（主机 %1）发出，本机可以关机。</source>
        <translation>定时任务保存在办公室服务器上：到时由发送服务（主机 %1）发出，本机可以关机。</translation>
    </message>
    <message>
        <source>定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行，短信才会发出。</source>
        <translation>定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行，短信才会发出。</translation>
    </message>
    <message>
        <source>该账户的定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行。</source>
        <translation>该账户的定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>发送任务列表</source>
        <translation>发送任务列表</translation>
    </message>
    <message>
        <source>继续发送</source>
        <translation>继续发送</translation>
    </message>
    <message>
        <source>继续发送所选任务中待发送的号码</source>
        <translation>继续发送所选任务中待发送的号码</translation>
    </message>
    <message>
        <source>重发被拒号码</source>
        <translation>重发被拒号码</translation>
    </message>
    <message>
        <source>用被拒绝的号码新建一个任务并发送</source>
        <translation>用被拒绝的号码新建一个任务并发送</translation>
    </message>
    <message>
        <source>重发结果未知…</source>
        <translation>重发结果未知…</translation>
    </message>
    <message>
        <source>重发结果未知的号码（可能已经送达）</source>
        <translation>重发结果未知的号码（可能已经送达）</translation>
    </message>
    <message>
        <source>取消任务</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>取消所选的定时或未发完的任务</source>
        <translation>取消所选的定时或未发完的任务</translation>
    </message>
    <message>
        <source>任务报告…</source>
        <translation>任务报告…</translation>
    </message>
    <message>
        <source>所选任务的报告：各状态、未送达原因、运营商和省份、状态报告到达时间</source>
        <translation>所选任务的报告：各状态、未送达原因、运营商和省份、状态报告到达时间</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>把所选任务（未选时为全部任务）的发送记录导出为 Excel 文件</source>
        <translation>把所选任务（未选时为全部任务）的发送记录导出为 Excel 文件</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>重新读取发送记录</source>
        <translation>重新读取发送记录</translation>
    </message>
    <message>
        <source>只看我的</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>只看我创建的任务</source>
        <translation>只看我创建的任务</translation>
    </message>
    <message>
        <source>只显示本电脑上当前 Windows 用户（%1）创建的任务</source>
        <translation>只显示本电脑上当前 Windows 用户（%1）创建的任务</translation>
    </message>
    <message>
        <source>没有你在这台电脑上创建的任务（%1）。取消“只看我的”可查看所有任务。</source>
        <translation>没有你在这台电脑上创建的任务（%1）。取消“只看我的”可查看所有任务。</translation>
    </message>
    <message>
        <source>选择上方的任务，查看每个号码的结果。</source>
        <translation>选择上方的任务，查看每个号码的结果。</translation>
    </message>
    <message>
        <source>任务 %1 · %2 · %3 · %4</source>
        <translation>任务 %1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>用任务 %1 中被拒绝的 %2 个号码新建一个任务，并立即发送（内容和账户不变）。</source>
        <translation>
            <numerusform>用任务 %1 中被拒绝的 %2 个号码新建一个任务，并立即发送（内容和账户不变）。</numerusform>
        </translation>
    </message>
    <message>
        <source>新建并发送(&amp;S)</source>
        <translation>新建并发送(&amp;S)</translation>
    </message>
    <message>
        <source>在当前批次结束后停止发送任务 %1，其余号码不再发送。</source>
        <translation>在当前批次结束后停止发送任务 %1，其余号码不再发送。</translation>
    </message>
    <message>
        <source>停止发送</source>
        <translation>停止发送</translation>
    </message>
    <message>
        <source>无法取消</source>
        <translation>无法取消</translation>
    </message>
    <message>
        <source>任务 %1 已交给网关，由网关定时于 %2 发送，无法在本程序中撤回。如需撤回，请联系短信服务商。</source>
        <translation>任务 %1 已交给网关，由网关定时于 %2 发送，无法在本程序中撤回。如需撤回，请联系短信服务商。</translation>
    </message>
    <message numerus="yes">
        <source>取消任务 %1？未发出的 %2 个号码将不再发送。</source>
        <translation>
            <numerusform>取消任务 %1？未发出的 %2 个号码将不再发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>发送记录</translation>
    </message>
    <message>
        <source>导出发送记录</source>
        <translation>导出发送记录</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
    <message numerus="yes">
        <source>%1 行已写入 %2</source>
        <translation>
            <numerusform>%1 行已写入 %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入联系人</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>新导入</source>
        <translation>新导入</translation>
    </message>
    <message>
        <source>已更新</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>空号码</source>
        <translation>空号码</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>重复</source>
        <comment>one row</comment>
        <translation>重复</translation>
    </message>
    <message>
        <source>无效</source>
        <comment>one row</comment>
        <translation>无效</translation>
    </message>
    <message>
        <source>空号码</source>
        <comment>one row</comment>
        <translation>空号码</translation>
    </message>
    <message>
        <source>黑名单</source>
        <comment>one row</comment>
        <translation>黑名单</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>回复内容</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>退订</source>
        <translation>退订</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>状态报告</source>
        <translation>状态报告</translation>
    </message>
    <message>
        <source>对应的发送</source>
        <translation>对应的发送</translation>
    </message>
    <message>
        <source>网关编号</source>
        <translation>网关编号</translation>
    </message>
    <message>
        <source>不在黑名单</source>
        <translation>不在黑名单</translation>
    </message>
    <message>
        <source>任务 %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>已拉黑（回复退订）</source>
        <translation>已拉黑（回复退订）</translation>
    </message>
    <message>
        <source>已拉黑（导入）</source>
        <translation>已拉黑（导入）</translation>
    </message>
    <message>
        <source>已拉黑（手动）</source>
        <translation>已拉黑（手动）</translation>
    </message>
    <message>
        <source>已读</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>无对应发送（网页后台或其他电脑）</source>
        <translation>无对应发送（网页后台或其他电脑）</translation>
    </message>
    <message>
        <source>未读</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>InboxTab</name>
    <message>
        <source>显示回复或状态报告</source>
        <translation>显示回复或状态报告</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>无对应发送的状态报告</source>
        <translation>无对应发送的状态报告</translation>
    </message>
    <message>
        <source>无对应发送的状态报告：可能来自网关网页后台或另一台电脑上的发送</source>
        <translation>无对应发送的状态报告：可能来自网关网页后台或另一台电脑上的发送</translation>
    </message>
    <message>
        <source>按账户筛选</source>
        <translation>按账户筛选</translation>
    </message>
    <message>
        <source>全部账户</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <source>按号码筛选</source>
        <translation>按号码筛选</translation>
    </message>
    <message>
        <source>号码或开头几位</source>
        <translation>号码或开头几位</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>按日期筛选</source>
        <translation>按日期筛选</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>只看未读</source>
        <translation>只看未读</translation>
    </message>
    <message>
        <source>只显示未读的回复</source>
        <translation>只显示未读的回复</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>立即获取状态报告和回复</source>
        <translation>立即获取状态报告和回复</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>号码：</source>
        <translation>号码：</translation>
    </message>
    <message>
        <source>收件箱：回复和状态报告</source>
        <translation>收件箱：回复和状态报告</translation>
    </message>
    <message>
        <source>给所选号码发短信（打开发送页）</source>
        <translation>给所选号码发短信（打开发送页）</translation>
    </message>
    <message>
        <source>标记退订</source>
        <translation>标记退订</translation>
    </message>
    <message>
        <source>把所选号码加入黑名单（退订）</source>
        <translation>把所选号码加入黑名单（退订）</translation>
    </message>
    <message>
        <source>查看对话</source>
        <translation>查看对话</translation>
    </message>
    <message>
        <source>查看发给该号码的全部短信和它的全部回复</source>
        <translation>查看发给该号码的全部短信和它的全部回复</translation>
    </message>
    <message>
        <source>标记已读</source>
        <translation>标记已读</translation>
    </message>
    <message>
        <source>把所选回复标记为已读</source>
        <translation>把所选回复标记为已读</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 条</source>
        <translation>
            <numerusform>共 %Ln 条</numerusform>
        </translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <source>把 %Ln 个号码加入黑名单？以后的发送会跳过它们。</source>
        <translation>
            <numerusform>把 %Ln 个号码加入黑名单？以后的发送会跳过它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>新加入 %Ln 个号码，</source>
        <translation>
            <numerusform>新加入 %Ln 个号码，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个原已在黑名单。</source>
        <translation>
            <numerusform>%Ln 个原已在黑名单。</numerusform>
        </translation>
    </message>
    <message>
        <source>同步出错（%1）：</source>
        <translation>同步出错（%1）：</translation>
    </message>
    <message>
        <source>回复</source>
        <comment>list of</comment>
        <translation>回复</translation>
    </message>
    <message>
        <source>状态报告</source>
        <comment>list of</comment>
        <translation>状态报告</translation>
    </message>
    <message>
        <source>加入黑名单</source>
        <translation>加入黑名单</translation>
    </message>
    <message>
        <source>已加入黑名单</source>
        <translation>已加入黑名单</translation>
    </message>
</context>
<context>
    <name>InboxWatch</name>
    <message>
        <source>任务 %1 由发送服务继续发送。</source>
        <translation>任务 %1 由发送服务继续发送。</translation>
    </message>
    <message>
        <source>余额不足</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>发送完成</source>
        <translation>发送完成</translation>
    </message>
    <message>
        <source>发送已暂停</source>
        <translation>发送已暂停</translation>
    </message>
    <message>
        <source>已交给服务器</source>
        <translation>已交给服务器</translation>
    </message>
    <message>
        <source>已交网关定时发送</source>
        <translation>已交网关定时发送</translation>
    </message>
    <message>
        <source>收到新回复</source>
        <translation>收到新回复</translation>
    </message>
    <message>
        <source>请注意</source>
        <translation>请注意</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 条新回复，来自 %2</source>
        <translation>
            <numerusform>%Ln 条新回复，来自 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>；其中 %Ln 条退订，号码已加入黑名单</source>
        <translation>
            <numerusform>；其中 %Ln 条退订，号码已加入黑名单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>账户 %1 余额 %2 条，低于提醒值 %3 条</source>
        <translation>
            <numerusform>账户 %1 余额 %2 条，低于提醒值 %3 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobDetail</name>
    <message>
        <source>全部号码</source>
        <translation>全部号码</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>网关已接收（未有报告）</source>
        <translation>网关已接收（未有报告）</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>选择上方的任务，查看每个号码的结果。</source>
        <translation>选择上方的任务，查看每个号码的结果。</translation>
    </message>
    <message>
        <source>任务的操作人</source>
        <translation>任务的操作人</translation>
    </message>
    <message>
        <source>按状态筛选号码</source>
        <translation>按状态筛选号码</translation>
    </message>
    <message>
        <source>任务的号码及结果</source>
        <translation>任务的号码及结果</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个号码</source>
        <translation>
            <numerusform>%Ln 个号码</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRuns</name>
    <message>
        <source>“发送记录”中开始的发送仍在进行。退出将在当前批次结束后暂停，下次启动后可继续。</source>
        <translation>“发送记录”中开始的发送仍在进行。退出将在当前批次结束后暂停，下次启动后可继续。</translation>
    </message>
    <message>
        <source>不重发</source>
        <translation>不重发</translation>
    </message>
    <message>
        <source>仍然重发(&amp;R)</source>
        <translation>仍然重发(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>任务 %1 有 %2 个号码结果未知：请求可能已经到达网关，这些号码可能已经收到短信。重发后他们可能收到两条相同的短信。确定要重发吗？</source>
        <translation>
            <numerusform>任务 %1 有 %2 个号码结果未知：请求可能已经到达网关，这些号码可能已经收到短信。重发后他们可能收到两条相同的短信。确定要重发吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>重发结果未知的号码</source>
        <translation>重发结果未知的号码</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>编号</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>创建者</source>
        <translation>创建者</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>号码数</source>
        <translation>号码数</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>被拒</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>待发</source>
        <translation>待发</translation>
    </message>
    <message>
        <source>定时</source>
        <translation>定时</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>%1 创建于 %2</source>
        <translation>%1 创建于 %2</translation>
    </message>
    <message>
        <source>%1 取消于 %2</source>
        <translation>%1 取消于 %2</translation>
    </message>
    <message>
        <source>%1 开始于 %2</source>
        <translation>%1 开始于 %2</translation>
    </message>
    <message>
        <source>%1 暂停于 %2</source>
        <translation>%1 暂停于 %2</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>自动化：%1</source>
        <translation>自动化：%1</translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>更改在重新启动程序后生效。</source>
        <translation>更改在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>语言：</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>发送</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>通讯录</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>发送记录</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>余额</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>自动化</source>
        <translation>自动化</translation>
    </message>
    <message>
        <source>短信群发助手</source>
        <translation>短信群发助手</translation>
    </message>
    <message>
        <source>演示模式</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>主选项卡</source>
        <translation>主选项卡</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>立即同步(&amp;Y)</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>账户(&amp;A)…</source>
        <translation>账户(&amp;A)…</translation>
    </message>
    <message>
        <source>选项(&amp;O)…</source>
        <translation>选项(&amp;O)…</translation>
    </message>
    <message>
        <source>发送规则(&amp;R)…</source>
        <translation>发送规则(&amp;R)…</translation>
    </message>
    <message>
        <source>推送接收(&amp;P)…</source>
        <translation>推送接收(&amp;P)…</translation>
    </message>
    <message>
        <source>短信模板(&amp;T)…</source>
        <translation>短信模板(&amp;T)…</translation>
    </message>
    <message>
        <source>数据库(&amp;D)</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <source>办公室服务器(&amp;O)…</source>
        <translation>办公室服务器(&amp;O)…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>使用说明(&amp;U)</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>导出诊断信息(&amp;D)…</source>
        <translation>导出诊断信息(&amp;D)…</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>正在打开数据…</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>导出诊断信息</source>
        <translation>导出诊断信息</translation>
    </message>
    <message>
        <source>Zip 压缩文件 (*.zip)</source>
        <translation>Zip 压缩文件 (*.zip)</translation>
    </message>
    <message>
        <source>已导出诊断信息</source>
        <translation>已导出诊断信息</translation>
    </message>
    <message>
        <source>%1（不含密码），可发给技术支持。</source>
        <translation>%1（不含密码），可发给技术支持。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln 条未读回复</source>
        <translation>
            <numerusform>%Ln 条未读回复</numerusform>
        </translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>办公室服务器需要密码</source>
        <translation>办公室服务器需要密码</translation>
    </message>
    <message>
        <source>可以输入密码再连接（密码只保存在这台电脑的系统密码库中），也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</source>
        <translation>可以输入密码再连接（密码只保存在这台电脑的系统密码库中），也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</translation>
    </message>
    <message>
        <source>输入密码(&amp;P)…</source>
        <translation>输入密码(&amp;P)…</translation>
    </message>
    <message>
        <source>办公室服务器密码</source>
        <translation>办公室服务器密码</translation>
    </message>
    <message>
        <source>用户 %1 在办公室服务器 %2 上的密码：</source>
        <translation>用户 %1 在办公室服务器 %2 上的密码：</translation>
    </message>
    <message>
        <source>没有输入密码。</source>
        <translation>没有输入密码。</translation>
    </message>
    <message>
        <source>无法连接办公室服务器</source>
        <translation>无法连接办公室服务器</translation>
    </message>
    <message>
        <source>无法连接办公室服务器 %1。

服务器可能没有开机，或者网络断开了。可以重试，也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</source>
        <translation>无法连接办公室服务器 %1。

服务器可能没有开机，或者网络断开了。可以重试，也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。</translation>
    </message>
    <message>
        <source>重试(&amp;R)</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>使用本机数据(&amp;L)</source>
        <translation>使用本机数据(&amp;L)</translation>
    </message>
    <message>
        <source>办公室服务器：%1</source>
        <translation>办公室服务器：%1</translation>
    </message>
    <message>
        <source>数据保存在办公室服务器上，与其他电脑共用：%1</source>
        <translation>数据保存在办公室服务器上，与其他电脑共用：%1</translation>
    </message>
    <message>
        <source>本机数据</source>
        <translation>本机数据</translation>
    </message>
    <message>
        <source>正在使用本机数据（未连接办公室服务器）</source>
        <translation>正在使用本机数据（未连接办公室服务器）</translation>
    </message>
    <message>
        <source>确认退出</source>
        <translation>确认退出</translation>
    </message>
    <message>
        <source>暂停并退出</source>
        <translation>暂停并退出</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>短信内容</source>
        <translation>短信内容</translation>
    </message>
    <message>
        <source>在此输入短信内容。可用 {姓名} 等占位符，从文件的列中取值。</source>
        <translation>在此输入短信内容。可用 {姓名} 等占位符，从文件的列中取值。</translation>
    </message>
    <message>
        <source>字数与条数</source>
        <translation>字数与条数</translation>
    </message>
    <message>
        <source>插入占位符</source>
        <translation>插入占位符</translation>
    </message>
    <message>
        <source>网关敏感词检查</source>
        <translation>网关敏感词检查</translation>
    </message>
    <message>
        <source>请网关检查敏感词</source>
        <translation>请网关检查敏感词</translation>
    </message>
    <message>
        <source>改用 UTF-8 发送</source>
        <translation>改用 UTF-8 发送</translation>
    </message>
    <message>
        <source>将该账户改为 UTF-8 编码发送</source>
        <translation>将该账户改为 UTF-8 编码发送</translation>
    </message>
    <message>
        <source>前几条短信预览</source>
        <translation>前几条短信预览</translation>
    </message>
    <message>
        <source>这里显示前几位收件人将收到的短信。</source>
        <translation>这里显示前几位收件人将收到的短信。</translation>
    </message>
    <message>
        <source>预览：</source>
        <translation>预览：</translation>
    </message>
    <message>
        <source>网关检查：未发现敏感词。</source>
        <translation>网关检查：未发现敏感词。</translation>
    </message>
    <message>
        <source>网关检查发现敏感词：</source>
        <translation>网关检查发现敏感词：</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>网关检查：内容含有敏感词（网关未列出是哪些）。</source>
        <translation>网关检查：内容含有敏感词（网关未列出是哪些）。</translation>
    </message>
    <message>
        <source>还没有账户：请在“设置 → 账户…”中添加。</source>
        <translation>还没有账户：请在“设置 → 账户…”中添加。</translation>
    </message>
    <message>
        <source>请先选择账户。</source>
        <translation>请先选择账户。</translation>
    </message>
    <message numerus="yes">
        <source>%1 字（含签名 %2 字）</source>
        <translation>
            <numerusform>%1 字（含签名 %2 字）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · 每条计 %1 条</source>
        <translation>
            <numerusform> · 每条计 %1 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln 个号码</source>
        <translation>
            <numerusform> · %Ln 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 条</source>
        <translation>
            <numerusform>共 %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，请求 %Ln 次</source>
        <translation>
            <numerusform>，请求 %Ln 次</numerusform>
        </translation>
    </message>
    <message>
        <source> · 后付费账户</source>
        <translation> · 后付费账户</translation>
    </message>
    <message numerus="yes">
        <source> · 预计费用 %Ln 条</source>
        <translation>
            <numerusform> · 预计费用 %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> / 余额 %1 条</source>
        <translation>
            <numerusform> / 余额 %1 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>没有这一列：%1（可用：%2）</source>
        <translation>
            <numerusform>没有这一列：%1（可用：%2）</numerusform>
        </translation>
    </message>
    <message>
        <source> · 上限 %1 字</source>
        <translation> · 上限 %1 字</translation>
    </message>
    <message>
        <source>（余额不足）</source>
        <translation>（余额不足）</translation>
    </message>
    <message>
        <source>该账户的编码（%1）无法发送这些字符：%2</source>
        <translation>该账户的编码（%1）无法发送这些字符：%2</translation>
    </message>
    <message>
        <source>内容含有本地敏感词：</source>
        <translation>内容含有本地敏感词：</translation>
    </message>
    <message>
        <source>内容超过该账户上限 %1 字，无法发送。</source>
        <translation>内容超过该账户上限 %1 字，无法发送。</translation>
    </message>
</context>
<context>
    <name>OfficeStoreDialog</name>
    <message>
        <source>办公室服务器</source>
        <translation>办公室服务器</translation>
    </message>
    <message>
        <source>数据保存在</source>
        <translation>数据保存在</translation>
    </message>
    <message>
        <source>本机（这台电脑上的数据文件）</source>
        <translation>本机（这台电脑上的数据文件）</translation>
    </message>
    <message>
        <source>办公室服务器（PostgreSQL，多台电脑共用）</source>
        <translation>办公室服务器（PostgreSQL，多台电脑共用）</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>服务器地址（主机名或 IP）</source>
        <translation>服务器地址（主机名或 IP）</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>数据库名</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>密码保存在本机的系统密码库中，不会写入数据库或设置文件。</source>
        <translation>密码保存在本机的系统密码库中，不会写入数据库或设置文件。</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>连接服务器并登录，不做任何修改</source>
        <translation>连接服务器并登录，不做任何修改</translation>
    </message>
    <message>
        <source>保存后，下次启动本程序时生效。</source>
        <translation>保存后，下次启动本程序时生效。</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>保存数据库选择</source>
        <translation>保存数据库选择</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>已保存（不修改请留空）</source>
        <translation>已保存（不修改请留空）</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>已保存。下次启动本程序时使用本机数据。</source>
        <translation>已保存。下次启动本程序时使用本机数据。</translation>
    </message>
    <message>
        <source>已保存。下次启动本程序时使用办公室服务器 %1。</source>
        <translation>已保存。下次启动本程序时使用办公室服务器 %1。</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>操作失败，发生了意外错误。详细信息已写入日志文件。</source>
        <translation>操作失败，发生了意外错误。详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>PasswordAsker</name>
    <message>
        <source>输入账户密码</source>
        <translation>输入账户密码</translation>
    </message>
    <message>
        <source>本机的密码库中没有账户“%1”的密码。
网关密码不保存在数据库中，每台电脑各自保存在系统密码库里；在这台电脑上输入一次即可。</source>
        <translation>本机的密码库中没有账户“%1”的密码。
网关密码不保存在数据库中，每台电脑各自保存在系统密码库里；在这台电脑上输入一次即可。</translation>
    </message>
    <message>
        <source>本机的密码库中没有账户“%1”的%2，请输入一次：</source>
        <translation>本机的密码库中没有账户“%1”的%2，请输入一次：</translation>
    </message>
    <message>
        <source>密码已保存</source>
        <translation>密码已保存</translation>
    </message>
    <message>
        <source>账户“%1”的密码已保存在本机的密码库中。</source>
        <translation>账户“%1”的密码已保存在本机的密码库中。</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>第 %1 步：正在导入</source>
        <translation>第 %1 步：正在导入</translation>
    </message>
    <message>
        <source>取消导入会撤销已读入的全部数据。</source>
        <translation>取消导入会撤销已读入的全部数据。</translation>
    </message>
    <message>
        <source>导入进度</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>取消导入（已读入的数据全部撤销）</source>
        <translation>取消导入（已读入的数据全部撤销）</translation>
    </message>
    <message>
        <source>正在导入到分组“%1”…</source>
        <translation>正在导入到分组“%1”…</translation>
    </message>
    <message numerus="yes">
        <source>已处理 %1 行…</source>
        <translation>
            <numerusform>已处理 %1 行…</numerusform>
        </translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>已取消：没有导入任何数据。</source>
        <translation>已取消：没有导入任何数据。</translation>
    </message>
    <message>
        <source>导入失败，没有导入任何数据：</source>
        <translation>导入失败，没有导入任何数据：</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>发送进度</source>
        <translation>发送进度</translation>
    </message>
    <message>
        <source>没有正在进行的发送。</source>
        <translation>没有正在进行的发送。</translation>
    </message>
    <message>
        <source>重试与切换备用账户的提示</source>
        <translation>重试与切换备用账户的提示</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>暂停发送</source>
        <translation>暂停发送</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>继续发送</source>
        <translation>继续发送</translation>
    </message>
    <message>
        <source>取消发送</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <source>取消发送，未发出的号码不再发送</source>
        <translation>取消发送，未发出的号码不再发送</translation>
    </message>
    <message>
        <source>任务 %1：正在发送…</source>
        <translation>任务 %1：正在发送…</translation>
    </message>
    <message>
        <source>正在暂停…（等待发送中的批次完成）</source>
        <translation>正在暂停…（等待发送中的批次完成）</translation>
    </message>
    <message>
        <source>正在取消…（等待发送中的批次完成）</source>
        <translation>正在取消…（等待发送中的批次完成）</translation>
    </message>
    <message>
        <source>网络问题，正在重试：</source>
        <translation>网络问题，正在重试：</translation>
    </message>
    <message>
        <source>主账户无法发送，已切换到备用账户 %1。</source>
        <translation>主账户无法发送，已切换到备用账户 %1。</translation>
    </message>
    <message>
        <source>任务 %1：已暂停。按“继续”接着发送。</source>
        <translation>任务 %1：已暂停。按“继续”接着发送。</translation>
    </message>
    <message>
        <source>任务 %1：已取消，未发出的号码不再发送。</source>
        <translation>任务 %1：已取消，未发出的号码不再发送。</translation>
    </message>
    <message>
        <source>任务 %1：发送中断，可在“发送记录”中继续。</source>
        <translation>任务 %1：发送中断，可在“发送记录”中继续。</translation>
    </message>
    <message>
        <source>任务 %1：定时任务已保存在本机。</source>
        <translation>任务 %1：定时任务已保存在本机。</translation>
    </message>
    <message>
        <source>任务 %1：已交给网关定时发送。</source>
        <translation>任务 %1：已交给网关定时发送。</translation>
    </message>
    <message>
        <source>任务 %1：</source>
        <translation>任务 %1：</translation>
    </message>
    <message>
        <source>任务 %1：不在营销时段，其余号码将于 %2 继续发送。</source>
        <translation>任务 %1：不在营销时段，其余号码将于 %2 继续发送。</translation>
    </message>
    <message>
        <source>发送出错：</source>
        <translation>发送出错：</translation>
    </message>
    <message>
        <source>任务 %1 正在发送（已完成 %2）。退出前会先暂停，之后可在“发送记录”中继续。</source>
        <translation>任务 %1 正在发送（已完成 %2）。退出前会先暂停，之后可在“发送记录”中继续。</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>出错了</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>网关原文：</source>
        <translation>网关原文：</translation>
    </message>
</context>
<context>
    <name>PushAccountBox</name>
    <message>
        <source>接收该账户的推送（状态报告和回复）</source>
        <translation>接收该账户的推送（状态报告和回复）</translation>
    </message>
    <message>
        <source>启用推送接收</source>
        <translation>启用推送接收</translation>
    </message>
    <message>
        <source>监听地址</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>0.0.0.0：所有网卡（网关需能从外网访问，通常要做端口映射）</source>
        <translation>0.0.0.0：所有网卡（网关需能从外网访问，通常要做端口映射）</translation>
    </message>
    <message>
        <source>监听端口</source>
        <translation>监听端口</translation>
    </message>
    <message>
        <source>推送路径口令</source>
        <translation>推送路径口令</translation>
    </message>
    <message>
        <source>8–128 个字母、数字、- 或 _（建议设置）</source>
        <translation>8–128 个字母、数字、- 或 _（建议设置）</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>生成一个新的路径口令</source>
        <translation>生成一个新的路径口令</translation>
    </message>
    <message>
        <source>填到网关后台的推送地址</source>
        <translation>填到网关后台的推送地址</translation>
    </message>
    <message>
        <source>监听地址：</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>路径口令：</source>
        <translation>路径口令：</translation>
    </message>
    <message>
        <source>推送地址：</source>
        <translation>推送地址：</translation>
    </message>
    <message>
        <source>正在接收推送。把上面的地址填到网关后台。</source>
        <translation>正在接收推送。把上面的地址填到网关后台。</translation>
    </message>
    <message>
        <source>推送由发送服务接收（主机 %1），保存后它使用新的设置。</source>
        <translation>推送由发送服务接收（主机 %1），保存后它使用新的设置。</translation>
    </message>
    <message>
        <source>给网关的推送地址应是该主机的地址，不是本机的。</source>
        <translation>给网关的推送地址应是该主机的地址，不是本机的。</translation>
    </message>
    <message>
        <source>这是本机在局域网中的地址；网关在外网时，请填本机的外网地址，并在路由器上把端口映射到本机。</source>
        <translation>这是本机在局域网中的地址；网关在外网时，请填本机的外网地址，并在路由器上把端口映射到本机。</translation>
    </message>
    <message>
        <source>保存后开始接收。</source>
        <translation>保存后开始接收。</translation>
    </message>
    <message>
        <source>未启用：该账户的状态报告和回复不会到达本机。</source>
        <translation>未启用：该账户的状态报告和回复不会到达本机。</translation>
    </message>
</context>
<context>
    <name>PushDialog</name>
    <message>
        <source>推送接收</source>
        <translation>推送接收</translation>
    </message>
    <message>
        <source>企信通（qxt）网关把状态报告和回复推送到本机的一个网址。在这里为账户启用接收，并把显示的推送地址填到网关后台。程序运行时才能接收。</source>
        <translation>企信通（qxt）网关把状态报告和回复推送到本机的一个网址。在这里为账户启用接收，并把显示的推送地址填到网关后台。程序运行时才能接收。</translation>
    </message>
    <message>
        <source>正在读取账户…</source>
        <translation>正在读取账户…</translation>
    </message>
    <message>
        <source>保存并应用</source>
        <translation>保存并应用</translation>
    </message>
    <message>
        <source>没有支持推送的账户（目前只有企信通 qxt 推送）。</source>
        <translation>没有支持推送的账户（目前只有企信通 qxt 推送）。</translation>
    </message>
</context>
<context>
    <name>PushReceivers</name>
    <message>
        <source>推送接收未启动</source>
        <translation>推送接收未启动</translation>
    </message>
</context>
<context>
    <name>RecipientListDialog</name>
    <message numerus="yes">
        <source>共 %1 个，只列出前 %2 个。</source>
        <translation>
            <numerusform>共 %1 个，只列出前 %2 个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Recipients</name>
    <message>
        <source>序号</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>网关代码</source>
        <translation>网关代码</translation>
    </message>
    <message>
        <source>网关原文</source>
        <translation>网关原文</translation>
    </message>
    <message>
        <source>报告代码</source>
        <translation>报告代码</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>发送账户</source>
        <translation>发送账户</translation>
    </message>
    <message>
        <source>网关编号</source>
        <translation>网关编号</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>RecipientsPanel</name>
    <message>
        <source>接收号码</source>
        <translation>接收号码</translation>
    </message>
    <message>
        <source>粘贴手机号码：每行一个，或用逗号、分号、空格分隔；可带 +86。</source>
        <translation>粘贴手机号码：每行一个，或用逗号、分号、空格分隔；可带 +86。</translation>
    </message>
    <message>
        <source>从表格文件导入…</source>
        <translation>从表格文件导入…</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 文件读取号码</source>
        <translation>从 Excel 或 CSV 文件读取号码</translation>
    </message>
    <message>
        <source>移除文件</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <source>不再使用已导入的文件</source>
        <translation>不再使用已导入的文件</translation>
    </message>
    <message>
        <source>未选择文件</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>接收号码：</source>
        <translation>接收号码：</translation>
    </message>
    <message>
        <source>正在粘贴…</source>
        <translation>正在粘贴…</translation>
    </message>
    <message>
        <source>移除这些联系人</source>
        <translation>移除这些联系人</translation>
    </message>
    <message numerus="yes">
        <source>通讯录：%1（%2 人）</source>
        <translation>
            <numerusform>通讯录：%1（%2 人）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>文件：%1（%2 行，号码列“%3”）</source>
        <translation>
            <numerusform>文件：%1（%2 行，号码列“%3”）</numerusform>
        </translation>
    </message>
    <message>
        <source>；可用占位符：</source>
        <translation>；可用占位符：</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在计算…</translation>
    </message>
    <message numerus="yes">
        <source>有效 %Ln</source>
        <translation>
            <numerusform>有效 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>无效 %Ln</source>
        <translation>
            <numerusform>无效 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重复 %Ln</source>
        <translation>
            <numerusform>重复 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>黑名单 %Ln</source>
        <translation>
            <numerusform>黑名单 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>缺少字段 %Ln</source>
        <translation>
            <numerusform>缺少字段 %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>查看有效号码</source>
        <translation>查看有效号码</translation>
    </message>
    <message>
        <source>查看无效号码</source>
        <translation>查看无效号码</translation>
    </message>
    <message>
        <source>查看重复号码</source>
        <translation>查看重复号码</translation>
    </message>
    <message>
        <source>查看黑名单中的号码</source>
        <translation>查看黑名单中的号码</translation>
    </message>
    <message>
        <source>查看缺少字段的行</source>
        <translation>查看缺少字段的行</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>行号</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>已送达</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>未有报告</source>
        <translation>未有报告</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>已跳过</translation>
    </message>
    <message numerus="yes">
        <source>%1：%2 个号码（占全部 %3）</source>
        <translation>
            <numerusform>%1：%2 个号码（占全部 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1：%2 个号码（占未送达 %3）</source>
        <translation>
            <numerusform>%1：%2 个号码（占未送达 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>其他 %n 种</source>
        <translation>
            <numerusform>其他 %n 种</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 小时内</source>
        <translation>
            <numerusform>%n 小时内</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟内</source>
        <translation>
            <numerusform>%n 分钟内</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>发送后%1收到状态报告：%2 个号码（占网关已接收 %3）</source>
        <translation>
            <numerusform>发送后%1收到状态报告：%2 个号码（占网关已接收 %3）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1：发出 %2，送达率 %3</source>
        <translation>%1：发出 %2，送达率 %3</translation>
    </message>
    <message>
        <source>共 %1 个号码</source>
        <translation>共 %1 个号码</translation>
    </message>
    <message>
        <source>占网关已接收的 %1 个号码；已收到报告 %2 个。</source>
        <translation>占网关已接收的 %1 个号码；已收到报告 %2 个。</translation>
    </message>
    <message>
        <source>发出最多的 %1 个省份（号段归属），共 %2 个。</source>
        <translation>发出最多的 %1 个省份（号段归属），共 %2 个。</translation>
    </message>
    <message>
        <source>各状态号码数</source>
        <translation>各状态号码数</translation>
    </message>
    <message>
        <source>各省份送达率（前 10 个，号段归属）</source>
        <translation>各省份送达率（前 10 个，号段归属）</translation>
    </message>
    <message>
        <source>各运营商送达率（号段归属）</source>
        <translation>各运营商送达率（号段归属）</translation>
    </message>
    <message>
        <source>已发出 %1 · 已送达 %2（%3）· 未送达 %4 · 未有报告 %5</source>
        <translation>已发出 %1 · 已送达 %2（%3）· 未送达 %4 · 未有报告 %5</translation>
    </message>
    <message>
        <source>按号段的原始分配：携号转网的号码可能已属于其他运营商。每行右侧：送达率 · 发出数。</source>
        <translation>按号段的原始分配：携号转网的号码可能已属于其他运营商。每行右侧：送达率 · 发出数。</translation>
    </message>
    <message>
        <source>未送达共 %1 个号码</source>
        <translation>未送达共 %1 个号码</translation>
    </message>
    <message>
        <source>未送达原因（状态报告代码）</source>
        <translation>未送达原因（状态报告代码）</translation>
    </message>
    <message>
        <source>没有未送达的号码。</source>
        <translation>没有未送达的号码。</translation>
    </message>
    <message>
        <source>状态报告到达时间（发送后）</source>
        <translation>状态报告到达时间（发送后）</translation>
    </message>
    <message>
        <source>网关还没有接收任何号码。</source>
        <translation>网关还没有接收任何号码。</translation>
    </message>
    <message>
        <source>还没有发出的号码。</source>
        <translation>还没有发出的号码。</translation>
    </message>
    <message>
        <source>这个任务没有号码。</source>
        <translation>这个任务没有号码。</translation>
    </message>
    <message>
        <source>（未说明）</source>
        <translation>（未说明）</translation>
    </message>
    <message>
        <source>，</source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>第 %1 步：导入结果</source>
        <translation>第 %1 步：导入结果</translation>
    </message>
    <message>
        <source>导入已结束：下面是各项数量，以及没有导入的行和原因。</source>
        <translation>导入已结束：下面是各项数量，以及没有导入的行和原因。</translation>
    </message>
    <message>
        <source>未导入的行及原因</source>
        <translation>未导入的行及原因</translation>
    </message>
    <message>
        <source>导出结果（Excel）…</source>
        <translation>导出结果（Excel）…</translation>
    </message>
    <message>
        <source>把导入结果导出为 Excel 文件</source>
        <translation>把导入结果导出为 Excel 文件</translation>
    </message>
    <message>
        <source>点“完成”后，通讯录显示这个分组。</source>
        <translation>点“完成”后，通讯录显示这个分组。</translation>
    </message>
    <message>
        <source>未导入的行（Excel 行号和原因）：</source>
        <translation>未导入的行（Excel 行号和原因）：</translation>
    </message>
    <message numerus="yes">
        <source>分组“%1”：读取 %2 行，用时 %3 秒。</source>
        <translation>
            <numerusform>分组“%1”：读取 %2 行，用时 %3 秒。</numerusform>
        </translation>
    </message>
    <message>
        <source>导出导入结果</source>
        <translation>导出导入结果</translation>
    </message>
    <message>
        <source>导入结果-%1.xlsx</source>
        <translation>导入结果-%1.xlsx</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>导入结果已保存到 %1</source>
        <translation>导入结果已保存到 %1</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>编辑自动化规则</source>
        <translation>编辑自动化规则</translation>
    </message>
    <message>
        <source>新建自动化规则</source>
        <translation>新建自动化规则</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <source>发送账户</source>
        <translation>发送账户</translation>
    </message>
    <message>
        <source>短信类型</source>
        <translation>短信类型</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>短信模板</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>短信内容</source>
        <translation>短信内容</translation>
    </message>
    <message>
        <source>短信内容，可用 {列名}，例如：{姓名}，生日快乐！</source>
        <translation>短信内容，可用 {列名}，例如：{姓名}，生日快乐！</translation>
    </message>
    <message>
        <source>联系人分组</source>
        <translation>联系人分组</translation>
    </message>
    <message>
        <source>筛选：每次运行时按此搜索</source>
        <translation>筛选：每次运行时按此搜索</translation>
    </message>
    <message>
        <source>可选：只发给匹配的联系人（每次运行时筛选）</source>
        <translation>可选：只发给匹配的联系人（每次运行时筛选）</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>工作日（周一至周五）</source>
        <translation>工作日（周一至周五）</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>按日期字段（生日、到期日）</source>
        <translation>按日期字段（生日、到期日）</translation>
    </message>
    <message>
        <source>星期几</source>
        <translation>星期几</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>每月的哪一天</source>
        <translation>每月的哪一天</translation>
    </message>
    <message>
        <source>1 日</source>
        <translation>1 日</translation>
    </message>
    <message>
        <source>15 日</source>
        <translation>15 日</translation>
    </message>
    <message>
        <source>月末</source>
        <translation>月末</translation>
    </message>
    <message>
        <source>发送时间（北京时间）</source>
        <translation>发送时间（北京时间）</translation>
    </message>
    <message>
        <source>截止到</source>
        <translation>截止到</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>日期列</source>
        <translation>日期列</translation>
    </message>
    <message>
        <source>分组中的日期列，如 生日、到期日</source>
        <translation>分组中的日期列，如 生日、到期日</translation>
    </message>
    <message>
        <source>按什么匹配日期</source>
        <translation>按什么匹配日期</translation>
    </message>
    <message>
        <source>按月日（每年，如生日）</source>
        <translation>按月日（每年，如生日）</translation>
    </message>
    <message>
        <source>按完整日期（如合同到期）</source>
        <translation>按完整日期（如合同到期）</translation>
    </message>
    <message>
        <source>提前天数</source>
        <translation>提前天数</translation>
    </message>
    <message>
        <source> 天（0：当天）</source>
        <translation> 天（0：当天）</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>模板：</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>筛选：</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>周期：</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>星期：</source>
        <translation>星期：</translation>
    </message>
    <message>
        <source>每月：</source>
        <translation>每月：</translation>
    </message>
    <message>
        <source>时间（北京时间）：</source>
        <translation>时间（北京时间）：</translation>
    </message>
    <message>
        <source>截止：</source>
        <translation>截止：</translation>
    </message>
    <message>
        <source>日期列：</source>
        <translation>日期列：</translation>
    </message>
    <message>
        <source>匹配：</source>
        <translation>匹配：</translation>
    </message>
    <message>
        <source>提前：</source>
        <translation>提前：</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>点“预览”查看接下来的运行时间和收件人（按日期发送：未来 7 天）。</source>
        <translation>点“预览”查看接下来的运行时间和收件人（按日期发送：未来 7 天）。</translation>
    </message>
    <message>
        <source>预览接下来的运行和收件人</source>
        <translation>预览接下来的运行和收件人</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>全部分组</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>（不用模板，直接填写内容）</source>
        <translation>（不用模板，直接填写内容）</translation>
    </message>
    <message>
        <source>无法识别的日期（不发送）：%1 个</source>
        <translation>无法识别的日期（不发送）：%1 个</translation>
    </message>
</context>
<context>
    <name>RulesSection</name>
    <message>
        <source>自动化规则</source>
        <translation>自动化规则</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>新建自动化规则</source>
        <translation>新建自动化规则</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>编辑所选规则</source>
        <translation>编辑所选规则</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>暂停或启用所选规则</source>
        <translation>暂停或启用所选规则</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>删除所选规则</source>
        <translation>删除所选规则</translation>
    </message>
    <message>
        <source>错过的运行…</source>
        <translation>错过的运行…</translation>
    </message>
    <message>
        <source>处理错过的运行：现在发送或跳过</source>
        <translation>处理错过的运行：现在发送或跳过</translation>
    </message>
    <message>
        <source>规则在本程序运行时（包括最小化到托盘）或发送服务运行时执行；错过的运行不会自动补发。</source>
        <translation>规则在本程序运行时（包括最小化到托盘）或发送服务运行时执行；错过的运行不会自动补发。</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>自动化</source>
        <translation>自动化</translation>
    </message>
    <message>
        <source>规则已保存：%1</source>
        <translation>规则已保存：%1</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>删除自动化规则“%1”？已发出的任务仍保留在发送记录中。</source>
        <translation>删除自动化规则“%1”？已发出的任务仍保留在发送记录中。</translation>
    </message>
</context>
<context>
    <name>Scheduler</name>
    <message>
        <source>%1 需等待 %2 秒（网关限制）。</source>
        <translation>%1 需等待 %2 秒（网关限制）。</translation>
    </message>
    <message>
        <source>任务 %1 到时间了，正在发送。</source>
        <translation>任务 %1 到时间了，正在发送。</translation>
    </message>
    <message>
        <source>同步出错</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <source>同步失败</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>同步完成</source>
        <translation>同步完成</translation>
    </message>
    <message>
        <source>后台同步失败</source>
        <translation>后台同步失败</translation>
    </message>
    <message>
        <source>定时任务已发出</source>
        <translation>定时任务已发出</translation>
    </message>
    <message>
        <source>定时任务正在发送。退出将在当前批次结束后暂停发送，下次启动后可继续。</source>
        <translation>定时任务正在发送。退出将在当前批次结束后暂停发送，下次启动后可继续。</translation>
    </message>
    <message numerus="yes">
        <source>新回复 %Ln 条，</source>
        <translation>
            <numerusform>新回复 %Ln 条，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>状态报告 %Ln 条。</source>
        <translation>
            <numerusform>状态报告 %Ln 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个账户同步出错，详见收件箱。</source>
        <translation>
            <numerusform>%Ln 个账户同步出错，详见收件箱。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>演示客户</source>
        <translation>演示客户</translation>
    </message>
    <message>
        <source>客户投诉</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <source>会员日</source>
        <translation>会员日</translation>
    </message>
    <message>
        <source>{姓名}您好，本周六会员日全场八折，详询门店。回T退订</source>
        <translation>{姓名}您好，本周六会员日全场八折，详询门店。回T退订</translation>
    </message>
    <message>
        <source>促销</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>到货提醒</source>
        <translation>到货提醒</translation>
    </message>
    <message>
        <source>{姓名}您好，您的订单已到货，取件码{取件码}，请于三日内领取。</source>
        <translation>{姓名}您好，您的订单已到货，取件码{取件码}，请于三日内领取。</translation>
    </message>
    <message>
        <source>物流</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>验证码</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>【演示商城】双十二会员日，全场八折。回T退订</source>
        <translation>【演示商城】双十二会员日，全场八折。回T退订</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>选项</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>自动获取状态报告和回复的间隔（秒）</source>
        <translation>自动获取状态报告和回复的间隔（秒）</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>自动同步</source>
        <translation>自动同步</translation>
    </message>
    <message>
        <source>获取状态报告和回复的间隔：</source>
        <translation>获取状态报告和回复的间隔：</translation>
    </message>
    <message>
        <source>网关规定了最短间隔的，按网关的规定；主动推送的网关不需要定时获取。</source>
        <translation>网关规定了最短间隔的，按网关的规定；主动推送的网关不需要定时获取。</translation>
    </message>
    <message>
        <source>本地敏感词，每行一个</source>
        <translation>本地敏感词，每行一个</translation>
    </message>
    <message>
        <source>每行一个词，例如：
发票
代开</source>
        <translation>每行一个词，例如：
发票
代开</translation>
    </message>
    <message>
        <source>本地敏感词</source>
        <translation>本地敏感词</translation>
    </message>
    <message>
        <source>发送前检查短信内容是否含有这些词（另外，支持的网关还会由网关自己检查）。</source>
        <translation>发送前检查短信内容是否含有这些词（另外，支持的网关还会由网关自己检查）。</translation>
    </message>
    <message>
        <source>密码保存方式：系统密码库。</source>
        <translation>密码保存方式：系统密码库。</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>把数据库备份到一个文件（不含密码）</source>
        <translation>把数据库备份到一个文件（不含密码）</translation>
    </message>
    <message>
        <source>整理</source>
        <translation>整理</translation>
    </message>
    <message>
        <source>整理数据库，收回删除后留下的空间（发送中不能整理）</source>
        <translation>整理数据库，收回删除后留下的空间（发送中不能整理）</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>保存选项</source>
        <translation>保存选项</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>数据库备份 (*.sqlite3)</source>
        <translation>数据库备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>数据库已备份到 %1（%2 MB）。密码不在备份中。</source>
        <translation>数据库已备份到 %1（%2 MB）。密码不在备份中。</translation>
    </message>
    <message>
        <source>整理完成</source>
        <translation>整理完成</translation>
    </message>
    <message>
        <source>数据库已整理：%1 MB → %2 MB。</source>
        <translation>数据库已整理：%1 MB → %2 MB。</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>第 %1 步：选择工作表</source>
        <translation>第 %1 步：选择工作表</translation>
    </message>
    <message>
        <source>这个工作簿有多个工作表，选择联系人所在的那一个。</source>
        <translation>这个工作簿有多个工作表，选择联系人所在的那一个。</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>工作表：</translation>
    </message>
    <message numerus="yes">
        <source>列：%1；约 %2 行</source>
        <translation>
            <numerusform>列：%1；约 %2 行</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message numerus="yes">
        <source>上次退出时任务 %1 没有发送完：%2 个号码待发送，%3 个结果未知（可能已经发出）。</source>
        <translation>
            <numerusform>上次退出时任务 %1 没有发送完：%2 个号码待发送，%3 个结果未知（可能已经发出）。</numerusform>
        </translation>
    </message>
    <message>
        <source>不发送（取消任务）</source>
        <translation>不发送（取消任务）</translation>
    </message>
    <message>
        <source>以后也可以在“发送记录”中处理。</source>
        <translation>以后也可以在“发送记录”中处理。</translation>
    </message>
    <message>
        <source>任务 %1 原定于 %2 发送，当时程序没有运行。现在发送吗？</source>
        <translation>任务 %1 原定于 %2 发送，当时程序没有运行。现在发送吗？</translation>
    </message>
    <message>
        <source>定时任务已过时间</source>
        <translation>定时任务已过时间</translation>
    </message>
    <message>
        <source>密码保存方式</source>
        <translation>密码保存方式</translation>
    </message>
    <message>
        <source>暂不处理</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <source>有任务被中断</source>
        <translation>有任务被中断</translation>
    </message>
    <message>
        <source>现在发送(&amp;S)</source>
        <translation>现在发送(&amp;S)</translation>
    </message>
    <message>
        <source>继续发送（不重发结果未知的）(&amp;S)</source>
        <translation>继续发送（不重发结果未知的）(&amp;S)</translation>
    </message>
    <message>
        <source>继续并重发结果未知的号码(&amp;R)…</source>
        <translation>继续并重发结果未知的号码(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>待发送</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>网关已接收</source>
        <translation>网关已接收</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>未送达</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>结果未知</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>已交网关定时</source>
        <translation>已交网关定时</translation>
    </message>
    <message>
        <source>本机定时</source>
        <translation>本机定时</translation>
    </message>
    <message>
        <source>逾期待确认</source>
        <translation>逾期待确认</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>已中断</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>全部已提交</source>
        <translation>全部已提交</translation>
    </message>
    <message>
        <source>部分成功</source>
        <translation>部分成功</translation>
    </message>
    <message>
        <source>已提交，部分未送达</source>
        <translation>已提交，部分未送达</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>未发完</source>
        <translation>未发完</translation>
    </message>
    <message>
        <source>已提交，网关定时发送</source>
        <translation>已提交，网关定时发送</translation>
    </message>
    <message>
        <source>号码无效</source>
        <translation>号码无效</translation>
    </message>
    <message>
        <source>重复号码</source>
        <translation>重复号码</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>任务已取消</source>
        <translation>任务已取消</translation>
    </message>
    <message>
        <source>频次限制</source>
        <translation>频次限制</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>测试发送</source>
        <translation>测试发送</translation>
    </message>
    <message>
        <source>等待营销时段</source>
        <translation>等待营销时段</translation>
    </message>
    <message>
        <source>sms.aspx（ipyy 类平台）</source>
        <translation>sms.aspx（ipyy 类平台）</translation>
    </message>
    <message>
        <source>迅辰 jsm（httpInterface.do）</source>
        <translation>迅辰 jsm（httpInterface.do）</translation>
    </message>
    <message>
        <source>qxt（smssenderv2）</source>
        <translation>qxt（smssenderv2）</translation>
    </message>
    <message>
        <source>企业短信通 112088（*.asp）</source>
        <translation>企业短信通 112088（*.asp）</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1：</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>统计哪个账户</source>
        <translation>统计哪个账户</translation>
    </message>
    <message>
        <source>全部账户</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>重新统计近 30 天的发送</source>
        <translation>重新统计近 30 天的发送</translation>
    </message>
    <message>
        <source>每天每个账户的发送、送达和计费条数</source>
        <translation>每天每个账户的发送、送达和计费条数</translation>
    </message>
    <message>
        <source>账户：</source>
        <translation>账户：</translation>
    </message>
    <message numerus="yes">
        <source>%1 至 %2 合计：发出 %3，送达 %4（%5），计费 %6 条</source>
        <translation>
            <numerusform>%1 至 %2 合计：发出 %3，送达 %4（%5），计费 %6 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>第 %1 步：导入到哪个分组</source>
        <translation>第 %1 步：导入到哪个分组</translation>
    </message>
    <message>
        <source>选择或输入分组，以及分组中已有的号码如何处理。</source>
        <translation>选择或输入分组，以及分组中已有的号码如何处理。</translation>
    </message>
    <message>
        <source>目标分组（可输入新分组名）</source>
        <translation>目标分组（可输入新分组名）</translation>
    </message>
    <message>
        <source>分组中已有的号码：用文件中的姓名和字段更新</source>
        <translation>分组中已有的号码：用文件中的姓名和字段更新</translation>
    </message>
    <message>
        <source>重复号码更新</source>
        <translation>重复号码更新</translation>
    </message>
    <message>
        <source>分组中已有的号码：保持不变，跳过</source>
        <translation>分组中已有的号码：保持不变，跳过</translation>
    </message>
    <message>
        <source>重复号码跳过</source>
        <translation>重复号码跳过</translation>
    </message>
    <message>
        <source>文件内重复的号码只导入第一次出现的那一行；黑名单中的号码不会导入。</source>
        <translation>文件内重复的号码只导入第一次出现的那一行；黑名单中的号码不会导入。</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>开始导入</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>短信模板</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>选择一个保存的短信模板，填入短信内容</source>
        <translation>选择一个保存的短信模板，填入短信内容</translation>
    </message>
    <message>
        <source>（不使用模板）</source>
        <translation>（不使用模板）</translation>
    </message>
    <message>
        <source>模板…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <source>查看和管理短信模板</source>
        <translation>查看和管理短信模板</translation>
    </message>
    <message>
        <source>短信模板：</source>
        <translation>短信模板：</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation>（%1）</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>营销</source>
        <translation>营销</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>短信模板</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>短信模板列表</source>
        <translation>短信模板列表</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>删除选中的模板</source>
        <translation>删除选中的模板</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>例如：物流、促销</source>
        <translation>例如：物流、促销</translation>
    </message>
    <message>
        <source>任务类型</source>
        <translation>任务类型</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>适用的账户类型</source>
        <translation>适用的账户类型</translation>
    </message>
    <message>
        <source>任意账户</source>
        <translation>任意账户</translation>
    </message>
    <message>
        <source>模板内容</source>
        <translation>模板内容</translation>
    </message>
    <message>
        <source>短信内容，可用 {列名}，例如：{姓名}您好，…</source>
        <translation>短信内容，可用 {列名}，例如：{姓名}您好，…</translation>
    </message>
    <message>
        <source>网关模板编号</source>
        <translation>网关模板编号</translation>
    </message>
    <message>
        <source>只用于支持模板短信的网关（jsm）</source>
        <translation>只用于支持模板短信的网关（jsm）</translation>
    </message>
    <message>
        <source>网关模板变量，每行一个</source>
        <translation>网关模板变量，每行一个</translation>
    </message>
    <message>
        <source>每行一个，依次对应 @1@、@2@ …，可用 {列名}</source>
        <translation>每行一个，依次对应 @1@、@2@ …，可用 {列名}</translation>
    </message>
    <message>
        <source>保存模板</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>保存这个模板</source>
        <translation>保存这个模板</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>分类：</source>
        <translation>分类：</translation>
    </message>
    <message>
        <source>任务类型：</source>
        <translation>任务类型：</translation>
    </message>
    <message>
        <source>账户类型：</source>
        <translation>账户类型：</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>网关模板编号：</source>
        <translation>网关模板编号：</translation>
    </message>
    <message>
        <source>网关模板变量：</source>
        <translation>网关模板变量：</translation>
    </message>
    <message>
        <source>用到的字段：</source>
        <translation>用到的字段：</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>删除模板“%1”？</source>
        <translation>删除模板“%1”？</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>已暂停发送</source>
        <translation>已暂停发送</translation>
    </message>
    <message>
        <source>显示窗口</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>暂停所有发送</source>
        <translation>暂停所有发送</translation>
    </message>
    <message>
        <source>短信群发助手</source>
        <translation>短信群发助手</translation>
    </message>
    <message>
        <source>程序仍在运行</source>
        <translation>程序仍在运行</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>有 %Ln 个定时任务等待发送，程序在系统托盘中继续运行；从托盘菜单退出。</source>
        <translation>
            <numerusform>有 %Ln 个定时任务等待发送，程序在系统托盘中继续运行；从托盘菜单退出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln 个发送将在当前批次结束后暂停。</source>
        <translation>
            <numerusform>%Ln 个发送将在当前批次结束后暂停。</numerusform>
        </translation>
    </message>
</context>
</TS>
